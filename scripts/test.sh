#!/usr/bin/env bash
# The whole test suite: lint (with layer rules), typecheck, unit, integration (real sim + ffmpeg + SQLite),
# browser (Playwright driving Debian Chromium). Prints one summary line at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
step() {
  local name=$1; shift
  echo "── $name"
  if ! "$@"; then
    echo "── $name FAILED"
    status=1
  fi
}

step lint npx eslint --max-warnings 0 .
step typecheck npm run --silent typecheck
step build npm run --silent build
step tests npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-report.json

if [ ! -f node_modules/electron/path.txt ]; then
  echo "── Electron end-to-end tests (tests/electron): skipped — Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); they run where it is"
fi

if [ -f .cache/vitest-report.json ]; then
  node -e '
    const r = require("./.cache/vitest-report.json");
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  '
fi
exit $status
