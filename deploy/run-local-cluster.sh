#!/usr/bin/env bash
# A coordinator and N trial-worker processes on this machine, joined over loopback: a quick multi-process run.
#   deploy/run-local-cluster.sh [--workers N] [--port PORT] [tune arguments...]
# e.g. deploy/run-local-cluster.sh --workers 2 --max-epochs 2 --retrain-epochs 0 --plain
# --workers and --port are this script's (defaults 2 and 4053); everything else goes to `tuner tune`.
# Workers' console output goes to logs/local-worker-N.out. Ctrl-C stops every process (exit 130); otherwise the
# script exits with the coordinator's code.
set -euo pipefail
cd "$(dirname "$0")/.."

workers=2
port=4053
tune_args=()
while (($#)); do
    case "$1" in
        --workers | --port)
            if (($# < 2)) || ! [[ "$2" =~ ^[0-9]+$ ]]; then
                echo "run-local-cluster: $1 needs a number, e.g. $1 2" >&2
                exit 2
            fi
            if [[ "$1" == --workers ]]; then workers=$2; else port=$2; fi
            shift 2
            ;;
        *)
            tune_args+=("$1")
            shift
            ;;
    esac
done
if ((workers < 1 || port < 1 || port > 65535)); then
    echo "run-local-cluster: --workers must be at least 1 and --port between 1 and 65535" >&2
    exit 2
fi

bin=src/Coordinator/bin/Release/net10.0
# Build when the programs are missing or older than any source.
if [[ ! -f "$bin/tuner.dll" ]] || [[ -n "$(find src -newer "$bin/tuner.dll" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]]; then
    dotnet build src/Coordinator --configuration Release --verbosity quiet --nologo
fi

children=()
stop_all() {
    for pid in "${children[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    wait || true
}
# shellcheck disable=SC2317 # reached through the trap
on_interrupt() {
    trap - INT TERM
    echo "run-local-cluster: stopping the coordinator and its workers" >&2
    stop_all
    exit 130
}
trap on_interrupt INT TERM

dotnet "$bin/tuner.dll" tune --port "$port" "${tune_args[@]}" &
coordinator=$!
children+=("$coordinator")

# Workers join once the coordinator listens; it may first fetch data or fail on a bad argument.
for ((waited = 0; ; waited++)); do
    if ! kill -0 "$coordinator" 2>/dev/null; then
        set +e
        wait "$coordinator"
        code=$?
        exit "$code"
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        break
    fi
    if ((waited >= 600)); then
        echo "run-local-cluster: the coordinator did not listen on 127.0.0.1:$port within 5 minutes" >&2
        stop_all
        exit 1
    fi
    sleep 0.5
done

mkdir -p logs
for ((i = 1; i <= workers; i++)); do
    dotnet "$bin/trial-worker.dll" --coordinator "akka.tcp://tuner@127.0.0.1:$port" --slots 1 --worker-id "local-$i" \
        >"logs/local-worker-$i.out" 2>&1 &
    children+=("$!")
done

set +e
wait "$coordinator"
code=$?
set -e
# Workers leave when the coordinator says the study is finished; stop any that did not.
for pid in "${children[@]:1}"; do
    for _ in {1..20}; do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -TERM "$pid" 2>/dev/null || true
done
wait 2>/dev/null
exit "$code"
