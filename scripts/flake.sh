#!/usr/bin/env bash
# No flakes: run the whole `npm test` suite under N different seeds (RLAIF_SEED, read by
# properties/support/suite.ts and used by every property and model test through SUITE_SEED)
# and report how many runs were green. A red seed is replayable: RLAIF_SEED=<seed> npm test.
#
# usage: scripts/flake.sh [N] [first-seed]      (defaults: 30 runs, seeds 1..30)
# Logs go to reports/flake/seed-<seed>.log (gitignored); the summary to reports/flake/summary.txt.
# Exit status: 0 when all N runs are green, 1 otherwise.
set -u
cd "$(dirname "$0")/.."
N="${1:-30}"
FIRST="${2:-1}"
OUT=reports/flake
mkdir -p "$OUT"
: > "$OUT/summary.txt"
green=0
failed=()
start=$(date +%s)
for ((i = 0; i < N; i++)); do
  seed=$((FIRST + i))
  t0=$(date +%s)
  if RLAIF_SEED="$seed" npm test > "$OUT/seed-$seed.log" 2>&1; then
    green=$((green + 1))
    status=green
  else
    failed+=("$seed")
    status=RED
  fi
  line="seed $seed: $status ($(( $(date +%s) - t0 )) s)"
  echo "$line" | tee -a "$OUT/summary.txt"
done
summary="$green/$N green in $(( $(date +%s) - start )) s${failed[*]:+; failed seeds: ${failed[*]} (logs: $OUT/seed-<seed>.log)}"
echo "$summary" | tee -a "$OUT/summary.txt"
[ "$green" -eq "$N" ]
