#!/bin/bash
# Joins the shards of tools/slurm/sweep-array.sh into $OUT/merged (runs.csv, points.csv,
# sensitivity.csv, salib/, ema/, manifest.json).
#
#   sbatch --dependency=afterok:<array job id> tools/slurm/merge.sh out/sobol
#SBATCH --job-name=qcity-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=00:30:00
#SBATCH --output=qcity-merge-%j.out
set -euo pipefail

OUT=${1:?usage: merge.sh OUT_DIR}
QCITY=${QCITY:-./target/release/qcity}
"$QCITY" merge "$OUT"/shard-* --out "$OUT/merged"
