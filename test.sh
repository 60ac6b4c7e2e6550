#!/usr/bin/env bash
# Builds everything and runs the whole test suite, installing the few Debian packages the tests use when missing.
set -euo pipefail
cd "$(dirname "$0")"
build/ensure-packages.sh fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf chromium:/usr/bin/chromium
dotnet test Cluster.sln --configuration Release "$@"
