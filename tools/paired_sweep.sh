#!/usr/bin/env bash
# Times a sweep with two (or more) qcity binaries, alternated run by run, and prints each
# binary's minimum and median wall time: the paired comparison the README's sweep table comes
# from. This VM's speed drifts by a fifth between runs, so compare binaries in one call.
#
#   tools/paired_sweep.sh PAIRS SWEEP THREADS BIN...
#   tools/paired_sweep.sh 5 scenarios/sweeps/inspection-vs-brands.ron 2 /tmp/qcity-old target/release/qcity
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=$1; sweep=$2; threads=$3; shift 3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$pairs"); do
  for bin in "$@"; do
    rm -rf "$out/sweep"
    start=$(date +%s.%N)
    "$bin" sweep "$sweep" --out "$out/sweep" -j "$threads" -q > /dev/null
    end=$(date +%s.%N)
    echo "$bin $start $end"
  done
done | python3 -c '
import sys, statistics
times = {}
for line in sys.stdin:
    bin, start, end = line.split()
    times.setdefault(bin, []).append(float(end) - float(start))
for bin, v in times.items():
    print(f"{bin:32s} min {min(v):7.3f} s  median {statistics.median(v):7.3f} s  ({len(v)} runs: "
          + " ".join(f"{x:.2f}" for x in v) + ")")
'
