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
# torch.set_num_threads(1) does not reach OpenBLAS's own thread pool: without OPENBLAS_NUM_THREADS=1 the "one thread"
# PyTorch run spins a second core and, on a busy machine, loses time waiting for it.
reference() {
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "${PYTHON:-/usr/bin/python3}" "$here/torch_reference.py" "$@"
}
echo "python3-torch (benchmarks/torch_reference.py $*) ..."
reference "$@" | tee "$out/python.tsv"
# The trainer flushes subnormal floats to zero (as TensorFlow does); PyTorch does only when asked. Both comparisons.
echo "python3-torch, subnormals flushed (benchmarks/torch_reference.py --flush-denormal $*) ..."
reference --flush-denormal "$@" | tee "$out/python-flush.tsv"

compare() {
    echo
    echo "$1"
    printf '%-20s %5s %12s %12s %6s %12s %12s %6s\n' model batch "TorchSharp" "PyTorch" ratio "TorchSharp" "PyTorch" ratio
    printf '%-20s %5s %12s %12s %6s %12s %12s %6s\n' "" "" "mean s/ep" "mean s/ep" "" "fastest s" "fastest s" ""
    awk -F '\t' '
        FNR == NR && !/^#/ { mean[$2 "\t" $3] = $4; fastest[$2 "\t" $3] = $5; next }
        !/^#/ && ($2 "\t" $3) in mean {
            key = $2 "\t" $3
            printf "%-20s %5s %12.3f %12.3f %6.2f %12.3f %12.3f %6.2f\n", $2, $3, mean[key], $4, mean[key] / $4, fastest[key], $5, fastest[key] / $5
        }' "$out/torchsharp.tsv" "$2"
}
compare "Against python3-torch as it comes (subnormals kept):" "$out/python.tsv"
compare "Against python3-torch with torch.set_flush_denormal(True):" "$out/python-flush.tsv"
echo "(ratio = TorchSharp / PyTorch; the target is at most 0.60. On a busy machine trust the fastest-epoch columns more.)"
