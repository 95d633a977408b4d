#!/bin/bash
# Runs a qcity sweep as a Slurm job array: task K of N runs shard K/N into $OUT/shard-K.
#
#   sbatch --array=1-8 tools/slurm/sweep-array.sh scenarios/sweeps/sobol-main-levers.ron out/sobol
#   sbatch --dependency=afterok:<array job id> tools/slurm/merge.sh out/sobol
#
# Build once on the login node first (`cargo build --release`); every task uses that binary.
# A requeued or preempted task picks up where it stopped (--resume), and a task whose shard is
# already complete does nothing. Shards are deterministic slices (run id mod N), so the
# merged result is byte for byte what one machine would write.
#SBATCH --job-name=qcity-sweep
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=qcity-sweep-%A_%a.out
set -euo pipefail

SWEEP=${1:?usage: sweep-array.sh SWEEP_FILE OUT_DIR}
OUT=${2:?usage: sweep-array.sh SWEEP_FILE OUT_DIR}
K=${SLURM_ARRAY_TASK_ID:?run this with sbatch --array=1-N}
N=${SLURM_ARRAY_TASK_COUNT:-$((SLURM_ARRAY_TASK_MAX - SLURM_ARRAY_TASK_MIN + 1))}
QCITY=${QCITY:-./target/release/qcity}

mkdir -p "$OUT"
"$QCITY" sweep "$SWEEP" --out "$OUT/shard-$K" --shard "$K/$N" \
    --threads "${SLURM_CPUS_PER_TASK:-1}" --quiet --resume
