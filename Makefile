# The two commands of the README. Both run scripts/setup.sh first (idempotent, cached).
.PHONY: setup demo test
setup:
	bash scripts/setup.sh

demo: setup
	npm run --silent demo

test: setup
	npm run --silent typecheck
	npm run --silent lint
	npm run --silent test
