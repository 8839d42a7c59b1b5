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

# Lint and typecheck are independent and single-threaded: run them side by side on the two cores.
mkdir -p .cache
npx eslint --max-warnings 0 . > .cache/lint.out 2>&1 &
lint_pid=$!
step typecheck npm run --silent typecheck
echo "── lint"
cat .cache/lint.out
if ! wait "$lint_pid"; then
  echo "── lint FAILED"
  status=1
fi
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
