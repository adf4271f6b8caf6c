#!/usr/bin/env bash
# Runs every bundled netlist (netlists/**/*.cir, examples/**/*.cir) into OUT/<path without .cir>/,
# CSV and JSON only, one thread, so two trees' outputs can be compared file by file
# (node scripts/compare-outputs.mjs OUT_A OUT_B). Run from the repository root.
# Usage: scripts/bundled-outputs.sh OUT
set -u
out=${1:?usage: scripts/bundled-outputs.sh OUT}
mkdir -p "$out"
status=0
while IFS= read -r f; do
  name=${f%.cir}
  if ! npx tsx src/cli/main.ts run "$f" --no-plots --threads 1 --out "$out/$name" >"$out/${name//\//_}.log" 2>&1; then
    echo "failed: $f (see $out/${name//\//_}.log)" >&2
    status=1
  fi
done < <(find netlists examples -name '*.cir' | sort)
exit $status
