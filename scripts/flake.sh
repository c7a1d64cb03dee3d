#!/usr/bin/env bash
# No flakes: run the whole `npm test` suite under N different seeds (RLAIF_SEED, read by
# properties/support/suite.ts and used by every property and model test through SUITE_SEED)
# and report how many runs were green. A red seed replays with: RLAIF_SEED=<seed> npm test.
#
# usage: scripts/flake.sh [N] [first-seed]      (defaults: 30 runs, seeds 1..30)
#        JOBS=2 scripts/flake.sh                 (run two seeds at a time; default 1)
# Logs go to reports/flake/seed-<seed>.log (gitignored), the summary to reports/flake/summary.txt.
# Exit status: 0 when all N runs are green, 1 otherwise.
set -u
cd "$(dirname "$0")/.."
N="${1:-30}"
FIRST="${2:-1}"
JOBS="${JOBS:-1}"
OUT=reports/flake
mkdir -p "$OUT"
rm -f "$OUT"/seed-*.log "$OUT"/seed-*.status
: > "$OUT/summary.txt"

run_seed() {
  local seed=$1 t0 status
  t0=$(date +%s)
  if RLAIF_SEED="$seed" npm test > "$OUT/seed-$seed.log" 2>&1; then status=green; else status=RED; fi
  echo "$status" > "$OUT/seed-$seed.status"
  echo "seed $seed: $status ($(( $(date +%s) - t0 )) s)" | tee -a "$OUT/summary.txt"
}

start=$(date +%s)
for ((i = 0; i < N; i++)); do
  while (( $(jobs -rp | wc -l) >= JOBS )); do wait -n; done
  run_seed $((FIRST + i)) &
done
wait

green=0
failed=()
for ((i = 0; i < N; i++)); do
  seed=$((FIRST + i))
  if [ "$(cat "$OUT/seed-$seed.status" 2>/dev/null)" = green ]; then green=$((green + 1)); else failed+=("$seed"); fi
done
summary="$green/$N green in $(( $(date +%s) - start )) s${failed[*]:+; failed seeds: ${failed[*]} (logs: $OUT/seed-<seed>.log)}"
echo "$summary" | tee -a "$OUT/summary.txt"
[ "$green" -eq "$N" ]
