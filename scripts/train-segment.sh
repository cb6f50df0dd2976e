#!/usr/bin/env bash
# Retrains models/segment.bin (clitic tables + sentence boundary classifier) from PerDT
# dev, the PerDT raw train sentences and the hazm lexicon. Never reads a test split.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DABIR_DATA:-../shared/data}
cargo run --release -q -p dabir-cli -- train segment --data "$DATA" --out models/segment.bin
