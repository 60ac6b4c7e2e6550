#!/usr/bin/env bash
# Installs the Debian packages whose marker files are missing: ensure-packages.sh PACKAGE:FILE ...
# Plots draw their text with a system font (SkiaSharp's Linux build reads /usr/share/fonts without fontconfig; with
# no font, titles and labels silently vanish), and the report's browser check needs Debian's chromium.
# The network namespace test builds its hosts with iproute2's ip.
set -euo pipefail
missing=()
for pair in "$@"; do
    [ -e "${pair#*:}" ] || missing+=("${pair%%:*}")
done
[ ${#missing[@]} -gt 0 ] || exit 0
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "Missing system packages: ${missing[*]}. Install them (e.g. sudo apt-get install ${missing[*]}); without them plot text or the browser tests are skipped or blank." >&2
fi
