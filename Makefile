# The two commands of the README. Both run scripts/setup.sh first (idempotent, cached).
# `make prod-local WORKERS=3`: docker-compose.yml's shape without Docker (dev/prodLocal.ts); Ctrl+C stops it.
.PHONY: setup demo test prod-local
WORKERS ?= 1
setup:
	bash scripts/setup.sh

demo: setup
	npm run --silent demo

prod-local: setup
	npm run --silent build
	WORKERS=$(WORKERS) npx tsx dev/prodLocal.ts

# The last line is "tests: N passed, N failed" (scripts/testSummary.js); the exit code is jest's.
test: setup
	npm run --silent typecheck
	npm run --silent lint
	mkdir -p .data
	npm run --silent test -- --json --outputFile=.data/jest-results.json; status=$$?; \
	  node scripts/testSummary.js .data/jest-results.json; exit $$status
