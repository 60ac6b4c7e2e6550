#!/usr/bin/env bash
# Builds everything, checks formatting and runs the whole test suite, installing the few Debian packages the tests
# use when missing.
set -euo pipefail
cd "$(dirname "$0")"
build/ensure-packages.sh fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf chromium:/usr/bin/chromium shellcheck:/usr/bin/shellcheck iproute2:/sbin/ip
dotnet build Cluster.sln --configuration Release
dotnet format Cluster.sln --verify-no-changes --no-restore
dotnet test Cluster.sln --configuration Release --no-build "$@"
