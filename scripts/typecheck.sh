#!/usr/bin/env bash
# `npm run typecheck`: every tsconfig, each checked on its own (they differ in lib: DOM or Node). `--list` prints the
# projects (scripts/test.sh schedules them itself, next to lint). electron/tsconfig.json is not listed: its files
# (electron/src, tests/electron) and options are exactly those of the root tsconfig.json, which checks them already.
set -uo pipefail
cd "$(dirname "$0")/.."
projects=(tsconfig.json renderer/tsconfig.json tests/e2e/tsconfig.json scripts/bench/g2g-page/tsconfig.json electron/setup-page/tsconfig.json)
if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${projects[@]}"
  exit 0
fi
status=0
for p in "${projects[@]}"; do
  node_modules/.bin/tsc -p "$p" --noEmit || { echo "typecheck: $p failed"; status=1; }
done
exit $status
