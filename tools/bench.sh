#!/usr/bin/env bash
# Measures the full-scale scenario (or the one given) with `qcity bench` and appends one line to
# bench/results.csv: the benchmark history, so that a regression shows. Run it on a quiet
# machine, once per commit that may change speed:
#
#   tools/bench.sh                              # scenarios/full-scale.ron, all cores
#   tools/bench.sh scenarios/plan-2023.ron 1    # another scenario, one thread
#
# Columns: date, commit (+ if the tree had uncommitted changes), scenario, enterprises, months,
# threads, run_s (the model's month loop), cpu_s (user + system of the whole process),
# reference_s (the reference loop, bench.rs), ratio (run_s / reference_s), peak_mib,
# bytes_per_enterprise (peak / enterprises, an upper bound), machine (nproc and memory).
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-scenarios/full-scale.ron}"
threads="${2:-$(nproc)}"
cargo build --release -q
out=$(mktemp)
/usr/bin/time -f "%U %S" -o "$out.time" ./target/release/qcity bench "$scenario" -j "$threads" --json > "$out"
read -r user sys < "$out.time"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet -- . ":!bench/results.csv" 2>/dev/null || commit="$commit+"
machine="$(nproc)cpu-$(awk '/MemTotal/ {printf "%.0fGiB", $2/1048576}' /proc/meminfo)"
file=bench/results.csv
[ -f "$file" ] || echo "date,commit,scenario,enterprises,months,threads,run_s,cpu_s,reference_s,ratio,peak_mib,bytes_per_enterprise,machine" > "$file"
python3 - "$out" "$user" "$sys" "$commit" "$machine" "$scenario" >> "$file" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
user, sys_, commit, machine, scenario = float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
ref = r.get("reference") or {}
print(",".join(str(x) for x in [
    datetime.date.today().isoformat(), commit, scenario, r["enterprises"], r["months"], r["threads"],
    f'{r["run_seconds"]:.3f}', f"{user + sys_:.2f}", f'{ref.get("seconds", float("nan")):.3f}',
    f'{r.get("ratio_to_reference") or float("nan"):.2f}', f'{r["peak_memory_mib"]:.0f}',
    f'{r["peak_bytes_per_enterprise"]:.0f}', machine]))
PY
rm -f "$out" "$out.time"
tail -1 "$file"
