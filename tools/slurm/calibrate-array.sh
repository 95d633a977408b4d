#!/bin/bash
# Runs a qcity calibration as a Slurm job array on a shared file system: task K of N runs
# slice K/N of every generation's runs in $OUT, waits for the other slices at the end of each
# generation (every task computes the same next generation from all slices' rows), and task 1
# writes the outputs.
#
#   sbatch --array=1-8 tools/slurm/calibrate-array.sh scenarios/calibration/pass-rate-trends.ron out/calibration
#
# All N tasks must run at the same time (no `%` throttle on the array): each generation waits
# for every slice. Build once on the login node first (`cargo build --release`). A requeued
# or preempted task picks up where it stopped; the result is byte for byte what one machine
# writes.
#SBATCH --job-name=qcity-calibrate
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=qcity-calibrate-%A_%a.out
set -euo pipefail

FILE=${1:?usage: calibrate-array.sh CALIBRATION_FILE OUT_DIR}
OUT=${2:?usage: calibrate-array.sh CALIBRATION_FILE OUT_DIR}
K=${SLURM_ARRAY_TASK_ID:?run this with sbatch --array=1-N}
N=${SLURM_ARRAY_TASK_COUNT:-$((SLURM_ARRAY_TASK_MAX - SLURM_ARRAY_TASK_MIN + 1))}
QCITY=${QCITY:-./target/release/qcity}

"$QCITY" calibrate "$FILE" --out "$OUT" --shard "$K/$N" --threads "${SLURM_CPUS_PER_TASK:-1}"
