#!/bin/sh
# Times the same training loop in TorchSharp (`tuner bench`) and in Debian's python3-torch, one after the other in
# one run, and prints a comparison table. Needs: a Release build of src/Coordinator, and
#   apt-get install -y python3-torch libopenblas0-pthread
# Debian's interpreter is used (PYTHON overrides it), not one first on PATH. Extra arguments (e.g. --epochs 5) go to both. Run it on an otherwise idle machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

tuner="$root/src/Coordinator/bin/Release/net10.0/tuner.dll"
[ -f "$tuner" ] || dotnet build "$root/src/Coordinator" -c Release >/dev/null

echo "TorchSharp (tuner bench $*) ..."
dotnet "$tuner" bench "$@" | tee "$out/torchsharp.tsv"
# Some machines set OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE to work around old OpenBLAS builds; they slow a current one.
echo "python3-torch (benchmarks/torch_reference.py $*) ..."
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${PYTHON:-/usr/bin/python3}" "$here/torch_reference.py" "$@" | tee "$out/python.tsv"

echo
printf '%-22s %6s %16s %16s %8s\n' model batch "TorchSharp s/ep" "PyTorch s/ep" ratio
awk -F '\t' '
    FNR == NR && !/^#/ { sharp[$2 "\t" $3] = $4; next }
    !/^#/ && ($2 "\t" $3) in sharp {
        printf "%-22s %6s %16.3f %16.3f %8.2f\n", $2, $3, sharp[$2 "\t" $3], $4, sharp[$2 "\t" $3] / $4
    }' "$out/torchsharp.tsv" "$out/python.tsv"
echo "(ratio = TorchSharp time / PyTorch time; the target is at most 0.60)"
