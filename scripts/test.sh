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

# Lint, each typecheck project and the build are independent and (nearly) single-threaded: run them as a queue,
# longest first, as many at a time as there are cores (measured on 2 cores: lint ∥ the typecheck chain, then the
# build, took ~130 s of wall time for ~140 s of CPU; this queue keeps both cores busy). Each step's output is
# printed whole, in order, once all have ended.
mkdir -p .cache/steps
rm -f .cache/steps/*
queue=("lint|node_modules/.bin/eslint --max-warnings 0 .")
while read -r project; do queue+=("typecheck $project|node_modules/.bin/tsc -p $project --noEmit"); done < <(bash scripts/typecheck.sh --list)
queue+=("build|npm run --silent build")
slots=$(nproc 2>/dev/null || echo 2)
running=0
for i in "${!queue[@]}"; do
  if [ "$running" -ge "$slots" ]; then wait -n; running=$((running - 1)); fi
  (
    started=$SECONDS
    bash -c "${queue[$i]#*|}" > ".cache/steps/$i.out" 2>&1
    echo $? > ".cache/steps/$i.rc"
    echo $((SECONDS - started)) > ".cache/steps/$i.sec"
  ) &
  running=$((running + 1))
done
wait
for i in "${!queue[@]}"; do
  name=${queue[$i]%%|*}
  echo "── $name ($(cat ".cache/steps/$i.sec" 2>/dev/null) s)"
  cat ".cache/steps/$i.out"
  if [ "$(cat ".cache/steps/$i.rc" 2>/dev/null)" != "0" ]; then
    echo "── $name FAILED"
    status=1
  fi
done
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
