# Helpers shared by the benchmark scripts (scripts/bench-*.sh). Source it, do not run it:
#
#   BENCH_NAME=bench-echo
#   . "$ROOT/scripts/lib/bench-common.sh"
#
# It installs an EXIT trap that stops every process registered in STARTED, all at once (and an
# INT/TERM trap that exits, so that the EXIT trap runs). A script that has more to undo at exit
# defines bench_exit_hook; it runs after the processes are stopped.
# Settings read when a helper runs: BENCH_NAME (log prefix), STOP_TIMEOUT (seconds a process gets
# to exit after SIGTERM, default 10).

BENCH_NAME=${BENCH_NAME:-bench}
STOP_TIMEOUT=${STOP_TIMEOUT:-10}

log() { echo "$BENCH_NAME: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- process bookkeeping: every process started here is stopped on exit -----------------------
STARTED=()
bench_cleanup() {
    ((${#STARTED[@]} == 0)) || stop_processes "${STARTED[@]}"
    if declare -F bench_exit_hook >/dev/null; then
        bench_exit_hook || true
    fi
    return 0
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# stop_processes PID...: SIGTERM to all, then SIGKILL to those still running after STOP_TIMEOUT;
# reaps and forgets them, so that a recycled PID is never signalled later.
stop_processes() {
    local pid i alive
    for pid in "$@"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        alive=0
        for pid in "$@"; do
            if kill -0 "$pid" 2>/dev/null; then alive=1; fi
        done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "$@"; do
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        forget "$pid"
    done
}

stop_process() { stop_processes "$1"; }

forget() {
    local kept=() p
    for p in "${STARTED[@]}"; do
        [[ $p == "$1" ]] || kept+=("$p")
    done
    STARTED=("${kept[@]}")
}

now_ms() { date +%s%3N; }

# rss_kib PID: resident set size in KiB (VmRSS).
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until SECONDS PID COMMAND...: polls COMMAND until it succeeds, the process dies or time runs out.
wait_until() {
    local seconds=$1 pid=$2
    shift 2
    local deadline=$(($(now_ms) + seconds * 1000))
    until "$@"; do
        kill -0 "$pid" 2>/dev/null || return 1
        (($(now_ms) < deadline)) || return 1
        sleep 0.01
    done
}

# health_ready PORT: true when a Quarkus service on 127.0.0.1:PORT answers GET /q/health/ready with 200.
health_ready() {
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/q/health/ready") == 200 ]]
}
