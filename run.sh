#!/usr/bin/env bash
# The main job: the seed study (MNIST, Keras Tuner's Hyperband budget) in local mode. Fetches MNIST if missing.
# Extra arguments go to `tuner tune`, e.g. ./run.sh --workers 1
set -euo pipefail
cd "$(dirname "$0")"
build/ensure-packages.sh fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
dotnet build src/Coordinator --configuration Release --verbosity quiet --nologo
exec dotnet src/Coordinator/bin/Release/net10.0/tuner.dll tune --local --study seed-mlp --schedule keras --max-epochs 10 --factor 2 "$@"
