#!/usr/bin/env bash
# The one test command: install missing peers, type-check and build, run every test with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-peers.sh
[ -d node_modules ] || npm install
# tsc, then the bundled `spindle` bin the CLI tests run (package.json "build").
npm run --silent build
# Every compiled *.test.js under dist/, unit tests beside the code and end-to-end tests in test/.
mapfile -t files < <(find dist -name '*.test.js' -not -path '*/node_modules/*' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --test --test-concurrency=2 "${files[@]}"
