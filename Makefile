# The two commands of the README. Both run scripts/setup.sh first (idempotent, cached).
.PHONY: setup demo test
setup:
	bash scripts/setup.sh

demo: setup
	npm run --silent demo

# The last line is "tests: N passed, N failed" (scripts/testSummary.js); the exit code is jest's.
test: setup
	npm run --silent typecheck
	npm run --silent lint
	mkdir -p .data
	npm run --silent test -- --json --outputFile=.data/jest-results.json; status=$$?; \
	  node scripts/testSummary.js .data/jest-results.json; exit $$status
