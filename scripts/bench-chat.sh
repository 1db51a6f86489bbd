#!/usr/bin/env bash
# Chat benchmarks on this machine: chat-service (SignalR, Redis backplane) against Socket.IO 4 with
# @socket.io/redis-adapter (bench/peers/socketio-chat.js), two instances of each sharing Redis.
#
#   scripts/bench-chat.sh
#
# Builds nothing: the jars must be there (mvn -B -DskipTests package -pl chat-service,cli -am); they
# are copied under target/bench/chat-jars/ first, so that a rebuild during the run cannot change them.
# Runs `npm ci` in bench/peers if its node_modules is missing.
#
# 1. Memory per client: both kinds started fresh, primed by a short run, then RSS (VmRSS, summed
#    over the two instances) before connecting and while 2,000 clients (20 rooms x 100 members) are
#    joined at a negligible rate.
# 2. For each scenario (servers restarted first, then primed by one unmeasured run each):
#      A: 10 rooms x 100 members, every member sends (100 senders a room)
#      B: 1 room x 1,000 members, 10 senders
#    the rate of each sender climbs through a list; at each step both kinds run one after the other
#    (the order alternates from step to step), so that the machine's noise hits both alike. A kind
#    stops climbing at its first failed step: p99 above BENCH_P99_LIMIT_MS, anything lost, an error,
#    or any other failed check of `rtc bench chat` (duplicate, wrong message, client not joined).
#    The CPU used by the servers, the generator, Redis and the whole machine is sampled over each
#    measured phase; a step during which other processes took more than BENCH_MAX_OTHER_CPU cores
#    is run again when the machine is quiet. The summary gives per scenario and kind the highest
#    deliveries/s held, its p50/p99, and the ratio chat-service / Socket.IO.
# Raw JSON per run, server logs and the markdown summary (chat-summary.md, printed at the end) land
# in target/bench/. Every process started here is stopped on exit; the shared Redis is never
# stopped, only the keys of this run's rooms (their chat-service history) are deleted from it.
#
# Environment (defaults in brackets):
#   BENCH_DURATION [10]  BENCH_WARMUP [3]   seconds measured / warmed up per run
#   BENCH_P99_LIMIT_MS [50]                 a step holds only with p99 at or under this
#   BENCH_SCENARIOS ["A B"]                 which scenarios to run
#   BENCH_RATES_A ["0.05 0.1 0.15 0.2 0.25 0.3 0.4 0.5 0.6 0.8 1 1.2 1.6 2 2.5 3"]   messages/s of
#                                           each sender, scenario A (1 msg/s = 1,000 sent/s, 100,000 deliveries/s)
#   BENCH_RATES_B ["0.2 0.3 0.5 0.75 1 1.5 2 2.5 3 4 5 6 8 10 12 16"]   messages/s of each sender,
#                                           scenario B (1 msg/s = 10 sent/s, 10,000 deliveries/s)
#   BENCH_LAYOUT_A ["10 100 100"]  BENCH_LAYOUT_B ["1 1000 10"]   rooms, members a room, senders a room
#   BENCH_SERVERS ["chat-service socketio"] kinds compared; chat-messagepack, chat-sse and chat-longpolling are
#                                           chat-service over WebSockets+MessagePack, Server-Sent Events and long
#                                           polling (chat-service itself: WebSockets+JSON); chat-signed-in is chat-service with sign-in
#                                           required (HS256) and every member signed in with its own JWT
#                                           (rtc bench chat --hmac-secret): the cost of auth on the message path
#   BENCH_PRIME [8]                         seconds of the unmeasured run after each start; 0 skips
#   BENCH_MEMORY_ROOMS [20] BENCH_MEMORY_MEMBERS [100] BENCH_MEMORY_RATE [0.2] BENCH_MEMORY_HOLD [16]
#                                           memory test (one sender a room); 0 rooms skips it
#   BENCH_MAX_LOAD [3]  BENCH_QUIET_WAIT [600]   before starting, wait up to QUIET_WAIT seconds for the
#                                           1-minute load average to fall to MAX_LOAD (then go on anyway)
#   BENCH_MAX_OTHER_CPU [0.3]  BENCH_DISTURBED_RETRIES [2]   a step during which other processes (not
#                                           the servers, the generator or Redis) used more than this many
#                                           cores is disturbed: it is run again once the machine is quiet
#                                           (at most RETRIES times) and left out of the results
#   CHAT_PORT_BASE [28181]  SOCKETIO_PORT_BASE [28193]   first port tried; the next free ones are used
#   CHAT_EVENT_LOOPS [2]                    event loops of each chat-service instance
#   CHAT_TOKEN_SECRET [random]              shared by the two chat-service instances
# The generator's clients all come from 127.0.0.1, so chat-service's per-address limits
# (CHAT_LIMITS_CONNECT_RATE, CHAT_LIMITS_CONNECTIONS_PER_ADDRESS) are turned off here; the message-rate
# limits stay at their defaults (20/s a connection, above every sender's rate in the lists below).
#   QUARKUS_REDIS_HOSTS [redis://127.0.0.1:6379]   Redis of both kinds (REDIS_URL of the Node peers)
#   GEN_THREADS [2]                         event loops of the generator
#   GEN_JAVA_OPTS [-XX:+UseSerialGC]        JVM options of the generator
#   SERVER_JAVA_OPTS []                     JVM options of the chat-service instances
#   BENCH_OUT [target/bench]                where the results go (its chat-* files are replaced)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
P99_LIMIT_MS=${BENCH_P99_LIMIT_MS:-50}
SCENARIOS=${BENCH_SCENARIOS:-"A B"}
RATES_A=${BENCH_RATES_A:-"0.05 0.1 0.15 0.2 0.25 0.3 0.4 0.5 0.6 0.8 1 1.2 1.6 2 2.5 3"}
RATES_B=${BENCH_RATES_B:-"0.2 0.3 0.5 0.75 1 1.5 2 2.5 3 4 5 6 8 10 12 16"}
SERVERS=${BENCH_SERVERS:-"chat-service socketio"}
PRIME=${BENCH_PRIME:-8}
MEMORY_ROOMS=${BENCH_MEMORY_ROOMS:-20}
MEMORY_MEMBERS=${BENCH_MEMORY_MEMBERS:-100}
MEMORY_RATE=${BENCH_MEMORY_RATE:-0.2}
MEMORY_HOLD=${BENCH_MEMORY_HOLD:-16}
MAX_LOAD=${BENCH_MAX_LOAD:-3}
QUIET_WAIT=${BENCH_QUIET_WAIT:-600}
MAX_OTHER_CPU=${BENCH_MAX_OTHER_CPU:-0.3}
DISTURBED_RETRIES=${BENCH_DISTURBED_RETRIES:-2}
CHAT_PORT_BASE=${CHAT_PORT_BASE:-28181}
SOCKETIO_PORT_BASE=${SOCKETIO_PORT_BASE:-28193}
CHAT_EVENT_LOOPS=${CHAT_EVENT_LOOPS:-2}
TOKEN_SECRET=${CHAT_TOKEN_SECRET:-bench-chat-$RANDOM$RANDOM$RANDOM}
HMAC_SECRET=bench-chat-hmac-$RANDOM$RANDOM$RANDOM-0123456789abcdef
REDIS=${QUARKUS_REDIS_HOSTS:-redis://127.0.0.1:6379}
GEN_THREADS=${GEN_THREADS:-2}
read -r -a GEN_OPTS <<< "${GEN_JAVA_OPTS:--XX:+UseSerialGC}"
read -r -a SERVER_OPTS <<< "${SERVER_JAVA_OPTS:-}"

# Room layout of each scenario: rooms members senders.
declare -A LAYOUT=([A]=${BENCH_LAYOUT_A:-"10 100 100"} [B]=${BENCH_LAYOUT_B:-"1 1000 10"})
declare -A RATES=([A]=$RATES_A [B]=$RATES_B)

OUT=${BENCH_OUT:-target/bench}
JARS=$OUT/chat-jars
CHAT_JAR=$JARS/chat-service/quarkus-run.jar
CLI_JAR=$JARS/cli/quarkus-run.jar
PEER=bench/peers/socketio-chat.js
START_TIMEOUT=60     # seconds for an instance to be ready
RUN_ID=bc$(date +%H%M%S)$RANDOM   # in every room name of this run, so its Redis keys can be found

BENCH_NAME=bench-chat
STOP_TIMEOUT=10      # seconds for a server to exit after SIGTERM
# log, die, the EXIT trap that stops every process in STARTED, stop_process(es), forget, now_ms,
# rss_kib, port_open, wait_until, health_ready
. "$ROOT/scripts/lib/bench-common.sh"

# Runs after every process is stopped: deletes the keys of this run's rooms (chat-service keeps a
# history stream per room) from the shared Redis. Nothing else there is touched.
bench_exit_hook() {
    command -v redis-cli >/dev/null || return 0
    local keys
    keys=$(redis-cli -u "$REDIS" --scan --pattern "*$RUN_ID*" 2>/dev/null) || return 0
    [[ -n $keys ]] || return 0
    xargs -r -n 100 redis-cli -u "$REDIS" del <<<"$keys" >/dev/null 2>&1 || true
    log "deleted $(wc -l <<<"$keys") Redis keys of this run's rooms (*$RUN_ID*)"
}

load1() { cut -d' ' -f1 /proc/loadavg; }
CLK_TCK=$(getconf CLK_TCK)
REDIS_PIDS=$(pidof redis-server || true) # only read (/proc/PID/stat), to show its CPU beside the servers'


# free_port FIRST: sets PORT to the first port from FIRST up that nothing listens on and this run
# has not handed out yet (not in a subshell: it remembers what it handed out).
USED_PORTS=" "
free_port() {
    PORT=$1
    while port_open "$PORT" || [[ $USED_PORTS == *" $PORT "* ]]; do
        PORT=$((PORT + 1))
    done
    USED_PORTS+="$PORT "
}

# --- the two kinds of servers, two instances each ----------------------------------------------
declare -A PIDS URLS
chat_ready() { health_ready "$1"; }

# start_kind KIND: starts both instances of KIND and waits until they are ready; sets PIDS[KIND]
# (two PIDs) and URLS[KIND] (comma-separated, for --url).
start_kind() {
    local kind=$1 i port pid pids=() urls=()
    for i in 1 2; do
        case $kind in
            chat-service | chat-signed-in | chat-messagepack | chat-sse | chat-longpolling)
                free_port "$CHAT_PORT_BASE"
                port=$PORT
                local chat_env=(CHAT_LIMITS_CONNECT_RATE=0 CHAT_LIMITS_CONNECTIONS_PER_ADDRESS=0)
                [[ $kind == chat-signed-in ]] && chat_env+=(CHAT_AUTH_REQUIRED=true CHAT_AUTH_HMAC_SECRET=$HMAC_SECRET)
                QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port QUARKUS_REDIS_HOSTS=$REDIS \
                    QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE=$CHAT_EVENT_LOOPS CHAT_TOKEN_SECRET=$TOKEN_SECRET \
                    CHAT_INSTANCE_ID=bench-chat-$port \
                    env "${chat_env[@]}" java "${SERVER_OPTS[@]}" -jar "$CHAT_JAR" >>"$OUT/chat-server-$kind-$port.log" 2>&1 &
                pid=$!
                urls+=("http://127.0.0.1:$port/chatHub")
                ;;
            socketio)
                free_port "$SOCKETIO_PORT_BASE"
                port=$PORT
                PORT=$port HOST=127.0.0.1 REDIS_URL=$REDIS node "$PEER" >>"$OUT/chat-server-$kind-$port.log" 2>&1 &
                pid=$!
                urls+=("http://127.0.0.1:$port")
                ;;
            *) die "unknown server kind '$kind' (known: chat-service chat-signed-in chat-messagepack chat-sse chat-longpolling socketio)" ;;
        esac
        STARTED+=("$pid")
        pids+=("$pid")
        log "$kind instance $i: PID $pid, port $port"
    done
    for i in 0 1; do
        port=${urls[i]##*:}
        port=${port%%/*}
        if [[ $kind == chat-* ]]; then
            wait_until "$START_TIMEOUT" "${pids[i]}" chat_ready "$port"
        else # the peer listens only once both of its Redis links are up
            wait_until "$START_TIMEOUT" "${pids[i]}" port_open "$port"
        fi || die "$kind on port $port was not ready within ${START_TIMEOUT}s (see $OUT/chat-server-$kind-$port.log)"
    done
    PIDS[$kind]="${pids[*]}"
    URLS[$kind]=$(IFS=,; echo "${urls[*]}")
}

stop_kind() {
    local pids
    read -r -a pids <<<"${PIDS[$1]:-}"
    ((${#pids[@]} == 0)) || stop_processes "${pids[@]}"
    PIDS[$1]=""
    # the ports stay handed out: a port just closed may linger in TIME_WAIT
}

# rss_sum KIND: VmRSS of both instances together, KiB.
rss_sum() {
    local pid sum=0
    for pid in ${PIDS[$1]}; do
        kill -0 "$pid" 2>/dev/null || die "$1 instance $pid is gone"
        sum=$((sum + $(rss_kib "$pid")))
    done
    echo "$sum"
}

# gen_command KIND ARGS...: sets GEN to the `rtc bench chat --json` command line against both
# instances of KIND.
gen_command() {
    local kind=$1 protocol=signalr
    shift
    local auth=()
    [[ $kind == socketio ]] && protocol=socketio
    [[ $kind == chat-signed-in ]] && auth=(--hmac-secret "$HMAC_SECRET")
    # the same chat-service, reached over another SignalR transport or hub protocol
    [[ $kind == chat-messagepack ]] && protocol=messagepack
    [[ $kind == chat-sse ]] && auth=(--transport sse)
    [[ $kind == chat-longpolling ]] && auth=(--transport longpolling)
    GEN=(java "${GEN_OPTS[@]}" -jar "$CLI_JAR" bench chat --json --protocol "$protocol" --url "${URLS[$kind]}"
        --threads "$GEN_THREADS" "${auth[@]}" "$@")
}

# gen KIND OUTPUT PROGRESS ARGS...: one run; returns its exit code (1 when it failed its checks).
# In the background with a wait, so that a signal is handled at once, the generator included.
# With CPU_FILE set, also writes there the CPU used during the measured phase (sample_cpu).
gen() {
    local output=$2 progress=$3 pid rc=0
    gen_command "$1" "${@:4}"
    "${GEN[@]}" >"$output" 2>"$progress" &
    pid=$!
    STARTED+=("$pid")
    [[ -z ${CPU_FILE:-} ]] || sample_cpu "$pid" "$progress" "$1" "$CPU_FILE"
    wait "$pid" || rc=$?
    forget "$pid"
    return "$rc"
}

# cpu_ticks PID...: user + system CPU of these processes (all their threads), in clock ticks.
cpu_ticks() {
    local pid line fields sum=0
    for pid in "$@"; do
        read -r line 2>/dev/null <"/proc/$pid/stat" || continue
        read -r -a fields <<<"${line##*) }" # fields from the 3rd on: utime is the 14th, stime the 15th
        sum=$((sum + fields[11] + fields[12]))
    done
    echo "$sum"
}

# busy_ticks: CPU ticks of the whole machine that were not idle (all CPUs).
busy_ticks() {
    local cpu user nice system idle iowait irq softirq steal
    read -r cpu user nice system idle iowait irq softirq steal _ </proc/stat
    echo $((user + nice + system + irq + softirq + steal))
}

# sample_cpu GEN_PID PROGRESS KIND FILE: the cores used between the generator's "measuring" and
# "draining" progress lines by the generator, KIND's two instances, Redis (when local) and the
# whole machine, as one JSON object in FILE. Polls the progress file five times a second.
sample_cpu() {
    local pid=$1 progress=$2 kind=$3 file=$4 t0 t1 g0 g1 s0 s1 r0 r1 m0 m1
    until grep -q "measuring for" "$progress" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    t0=$(now_ms) g0=$(cpu_ticks "$pid") s0=$(cpu_ticks ${PIDS[$kind]}) r0=$(cpu_ticks $REDIS_PIDS) m0=$(busy_ticks)
    until grep -q "draining" "$progress" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    t1=$(now_ms) g1=$(cpu_ticks "$pid") s1=$(cpu_ticks ${PIDS[$kind]}) r1=$(cpu_ticks $REDIS_PIDS) m1=$(busy_ticks)
    awk -v hz="$CLK_TCK" -v ms=$((t1 - t0)) -v g=$((g1 - g0)) -v s=$((s1 - s0)) -v r=$((r1 - r0)) -v m=$((m1 - m0)) \
        -v redis="${REDIS_PIDS:+1}" 'BEGIN { w = ms / 1000; c = hz * w;
            printf "{\"windowSeconds\":%.2f,\"generator\":%.2f,\"servers\":%.2f,\"redis\":%s,\"machine\":%.2f}\n",
                w, g / c, s / c, redis ? sprintf("%.2f", r / c) : "null", m / c }' >"$file"
}

# verdict FILE: "held", or why the step failed.
verdict() {
    node -e '
        let r;
        try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { console.log("no result"); process.exit(); }
        const limit = Number(process.argv[2]) * 1000, why = [];
        if (r.latencyMicros.p99 > limit) why.push(`p99 ${(r.latencyMicros.p99 / 1000).toFixed(1)} ms`);
        if (r.lost > 0) why.push(`lost ${r.lost}`);
        if (r.errors > 0) why.push(`errors ${r.errors}`);
        if (r.duplicated > 0) why.push(`duplicated ${r.duplicated}`);
        if (r.wrong > 0) why.push(`wrong ${r.wrong}`);
        if (r.joined < r.connections) why.push(`joined ${r.joined}/${r.connections}`);
        if (r.closedByPeer > 0) why.push(`closed by server ${r.closedByPeer}`);
        if (!why.length && !r.passed) why.push("checks failed");
        console.log(why.length ? why.join(", ") : "held");
    ' "$1" "$P99_LIMIT_MS"
}

# other_cpu CPU_FILE: cores the rest of the machine used during that step (machine minus servers,
# generator and Redis); empty when not measured.
other_cpu() {
    node -e 'try { const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        console.log(Math.max(0, c.machine - c.servers - c.generator - (c.redis || 0)).toFixed(2)); } catch {}' "$1"
}

# wait_for_quiet: waits (at most QUIET_WAIT seconds) until the machine, measured over 5 s, is busy
# with no more than MAX_OTHER_CPU cores; between steps nothing of this benchmark is working.
wait_for_quiet() {
    local waited=0 m0 busy
    while ((waited < QUIET_WAIT)); do
        m0=$(busy_ticks)
        sleep 5
        busy=$(awk -v d=$(($(busy_ticks) - m0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", d / hz / 5 }')
        awk -v b="$busy" -v m="$MAX_OTHER_CPU" 'BEGIN { exit !(b > m) }' || return 0
        log "the machine is busy with other work ($busy cores): waiting (${waited}s so far)"
        sleep 10
        waited=$((waited + 15))
    done
}

# --- preparation ------------------------------------------------------------------------------
BEGIN_MS=$(now_ms)
mkdir -p "$OUT"
rm -rf "$OUT"/chat-*.json "$OUT"/chat-*.log "$OUT"/chat-*.progress "$OUT"/chat-*.cpu "$OUT/chat-steps.tsv" "$OUT/chat-summary.md" "$JARS"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
command -v node >/dev/null || die "node is required (the Socket.IO peer, the summary)"
command -v curl >/dev/null || die "curl is required (chat-service readiness)"
for module in chat-service cli; do
    [[ -f $module/target/quarkus-app/quarkus-run.jar ]] \
        || die "$module/target/quarkus-app/quarkus-run.jar is missing: build first (mvn -B -DskipTests package -pl chat-service,cli -am)"
done
mkdir -p "$JARS"
cp -a chat-service/target/quarkus-app "$JARS/chat-service"
cp -a cli/target/quarkus-app "$JARS/cli"
if [[ $SERVERS == *socketio* && ! -d bench/peers/node_modules ]]; then
    log "installing the Node peers (npm ci)"
    (cd bench/peers && npm ci --no-audit --no-fund --silent)
fi

waited=0
while awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l > m) }' && ((waited < QUIET_WAIT)); do
    log "load average $(load1) is above $MAX_LOAD: waiting for the machine to calm down (${waited}s so far)"
    sleep 15
    waited=$((waited + 15))
done
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# What the summary says about the machine and the build.
{
    echo "cpus=$(nproc)"
    echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "java=$(java -version 2>&1 | head -1)"
    echo "node=$(node --version)"
    echo "socketio=$(node -p 'require("./bench/peers/node_modules/socket.io/package.json").version' 2>/dev/null || echo '?')"
    echo "adapter=$(node -p 'require("./bench/peers/node_modules/@socket.io/redis-adapter/package.json").version' 2>/dev/null || echo '?')"
    echo "redis=$(redis-cli -u "$REDIS" info server 2>/dev/null | awk -F: '/^redis_version/ {print $2}' | tr -d '\r')"
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- chat-service cli 2>/dev/null || echo ' with uncommitted changes in chat-service/cli')"
    echo "chatJar=$(date -r chat-service/target/quarkus-app/quarkus-run.jar '+%F %T')"
    echo "serverJavaOpts=${SERVER_JAVA_OPTS:-}"
    echo "genJavaOpts=${GEN_OPTS[*]}"
    echo "loadAtStart=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/chat-machine.txt"

# prime KIND ROOMS MEMBERS SENDERS RATE: one unmeasured run after a start (JIT, pools, Redis links).
prime() {
    local kind=$1
    ((PRIME > 0)) || return 0
    log "$kind: priming, $2 x $3, $4 senders at $5 msg/s for ${PRIME}s (not counted)"
    gen "$kind" "$OUT/chat-prime-$kind.json" "$OUT/chat-prime-$kind.progress" --rooms "$2" --members "$3" \
        --senders "$4" --rate "$5" --warmup 0 --duration "$PRIME" --room-prefix "$RUN_ID-prime-$kind-" \
        || log "$kind: the priming run failed its checks ($(verdict "$OUT/chat-prime-$kind.json")); going on"
}

# --- memory per connected client ----------------------------------------------------------------
if ((MEMORY_ROOMS > 0)); then
    clients=$((MEMORY_ROOMS * MEMORY_MEMBERS))
    for kind in $SERVERS; do start_kind "$kind"; done
    for kind in $SERVERS; do
        prime "$kind" 2 100 1 5
        sleep 5 # let the priming run's connections close and the process settle
        before=$(rss_sum "$kind")
        log "$kind: RSS before connecting $before KiB; connecting $clients clients"
        progress=$OUT/chat-memory-$kind.progress
        gen_command "$kind" --rooms "$MEMORY_ROOMS" --members "$MEMORY_MEMBERS" --senders 1 --rate "$MEMORY_RATE" \
            --warmup 0 --duration "$MEMORY_HOLD" --room-prefix "$RUN_ID-mem-$kind-"
        "${GEN[@]}" >"$OUT/chat-memory-$kind-run.json" 2>"$progress" &
        gen_pid=$!
        STARTED+=("$gen_pid")
        # "measuring" is said once every client is connected and joined.
        wait_until 300 "$gen_pid" grep -q "measuring for" "$progress" \
            || die "$kind: the memory run did not get its $clients clients joined (see $progress)"
        sleep $((MEMORY_HOLD / 2))
        held=$(rss_sum "$kind")
        memory_ok=true
        wait "$gen_pid" || memory_ok=false
        forget "$gen_pid"
        log "$kind: RSS with $clients clients joined $held KiB ($(verdict "$OUT/chat-memory-$kind-run.json"))"
        node -e '
            const [kind, n, before, held, ok] = process.argv.slice(1);
            console.log(JSON.stringify({ kind, clients: Number(n), rssBeforeKiB: Number(before), rssHeldKiB: Number(held),
                kibPerClient: Math.round((held - before) / n * 100) / 100, runPassed: ok === "true" }));
        ' "$kind" "$clients" "$before" "$held" "$memory_ok" >"$OUT/chat-memory-$kind.json"
    done
    for kind in $SERVERS; do stop_kind "$kind"; done
fi

# --- rate steps per scenario ---------------------------------------------------------------------
printf 'scenario\tkind\trate\tfile\tverdict\tload1\totherCpu\n' >"$OUT/chat-steps.tsv"
for scenario in $SCENARIOS; do
    [[ -n ${LAYOUT[$scenario]:-} ]] || die "unknown scenario '$scenario' (known: A B)"
    read -r rooms members senders <<<"${LAYOUT[$scenario]}"
    read -r -a rates <<<"${RATES[$scenario]}"
    log "scenario $scenario: $rooms rooms x $members members, $senders senders a room; rates ${rates[*]}"
    # Fresh servers for each scenario: no rooms, connections or heap left over from the last one.
    for kind in $SERVERS; do start_kind "$kind"; done
    for kind in $SERVERS; do prime "$kind" "$rooms" "$members" "$senders" "${rates[1]:-${rates[0]}}"; done
    read -r -a climbing <<<"$SERVERS"
    for ((step = 0; step < ${#rates[@]} && ${#climbing[@]} > 0; step++)); do
        rate=${rates[step]}
        order=("${climbing[@]}")
        if ((step % 2 == 1)); then # alternate who goes first
            order=()
            for ((i = ${#climbing[@]} - 1; i >= 0; i--)); do order+=("${climbing[i]}"); done
        fi
        for kind in "${order[@]}"; do
            for ((attempt = 0; ; attempt++)); do
                name=chat-$scenario-$kind-rate$rate
                ((attempt == 0)) || name+=-again$attempt
                load=$(load1)
                log "scenario $scenario, $kind: rate $rate msg/s per sender ($(awk -v r="$rate" -v n="$((rooms * senders))" -v m="$members" \
                    'BEGIN { printf "%g sent/s, ~%g deliveries/s", r * n, r * n * m }')), load $load"
                CPU_FILE=$OUT/$name.cpu gen "$kind" "$OUT/$name.json" "$OUT/$name.progress" --rooms "$rooms" --members "$members" \
                    --senders "$senders" --rate "$rate" --warmup "$WARMUP" --duration "$DURATION" \
                    --room-prefix "$RUN_ID-$scenario-$kind-$step-$attempt-" || true
                result=$(verdict "$OUT/$name.json")
                other=$(other_cpu "$OUT/$name.cpu")
                log "  -> $result $(node -e 'try { const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
                    console.log(`(${Math.round(r.deliveryRate)} deliveries/s, p50 ${(r.latencyMicros.p50 / 1000).toFixed(1)} ms, p99 ${(r.latencyMicros.p99 / 1000).toFixed(1)} ms)`) } catch {}' "$OUT/$name.json"), other processes ${other:-?} cores"
                if [[ -n $other ]] && awk -v o="$other" -v m="$MAX_OTHER_CPU" 'BEGIN { exit !(o > m) }' \
                    && ((attempt < DISTURBED_RETRIES)); then
                    log "  disturbed: other processes used $other cores; the step runs again once the machine is quiet"
                    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$kind" "$rate" "$name.json" "disturbed ($result)" "$load" \
                        "$other" >>"$OUT/chat-steps.tsv"
                    wait_for_quiet
                    continue
                fi
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$kind" "$rate" "$name.json" "$result" "$load" "$other" \
                    >>"$OUT/chat-steps.tsv"
                break
            done
            if [[ $result != held ]]; then
                kept=()
                for k in "${climbing[@]}"; do [[ $k == "$kind" ]] || kept+=("$k"); done
                climbing=("${kept[@]}")
            fi
        done
    done
    for kind in $SERVERS; do stop_kind "$kind"; done
done

# --- summary --------------------------------------------------------------------------------------
ELAPSED_S=$((($(now_ms) - BEGIN_MS) / 1000))
node - "$OUT" "$P99_LIMIT_MS" "$ELAPSED_S" "$DURATION" "$WARMUP" "${LAYOUT[A]}" "${LAYOUT[B]}" "$MAX_OTHER_CPU" \
    >"$OUT/chat-summary.md" <<'EOF'
const fs = require('fs');
const path = require('path');
const [out, limitMs, elapsed, duration, warmup, layoutA, layoutB, maxOther] = process.argv.slice(2);
const read = f => { try { return JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')); } catch { return null; } };
const num = (x, d = 0) => x == null ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = us => us == null ? 'n/a' : num(us / 1000, 1);
const machine = Object.fromEntries(fs.readFileSync(path.join(out, 'chat-machine.txt'), 'utf8').trim().split('\n')
  .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const steps = fs.existsSync(path.join(out, 'chat-steps.tsv'))
  ? fs.readFileSync(path.join(out, 'chat-steps.tsv'), 'utf8').trim().split('\n').slice(1).filter(Boolean).map(l => {
      const [scenario, kind, rate, file, verdict, load1, other] = l.split('\t');
      return { scenario, kind, rate: Number(rate), file, verdict, load1, other, r: read(file) };
    })
  : [];
const layouts = { A: layoutA, B: layoutB };
const kinds = [...new Set(steps.map(s => s.kind))];
const LABELS = { socketio: 'Socket.IO 4 + redis-adapter', 'chat-service': 'chat-service, WebSockets + JSON',
  'chat-messagepack': 'chat-service, WebSockets + MessagePack', 'chat-sse': 'chat-service, Server-Sent Events + JSON',
  'chat-longpolling': 'chat-service, long polling + JSON' };
const label = k => LABELS[k] || k;
const lines = [];
lines.push(`Machine: ${machine.cpus} CPUs (${machine.cpu}), ${machine.java}, Node ${machine.node}, socket.io ${machine.socketio}, `
  + `@socket.io/redis-adapter ${machine.adapter}, Redis ${machine.redis}; build ${machine.commit} (chat-service jar of ${machine.chatJar}); `
  + `chat-service JVM options: ${machine.serverJavaOpts || 'defaults'}; generator JVM: ${machine.genJavaOpts}. `
  + `Load average at start: ${machine.loadAtStart}.`);
lines.push('');
lines.push(`Each step: ${warmup} s warmup + ${duration} s measured; it holds when p99 ≤ ${limitMs} ms and nothing is lost, `
  + 'duplicated, wrong or failed. Two instances of each kind on one Redis, members spread round-robin over them.');
lines.push('');
lines.push('| scenario | server | highest rate held (msg/s per sender) | sent/s | deliveries/s held | p50 (ms) | p99 (ms) | first failed step |');
lines.push('|---|---|---:|---:|---:|---:|---:|---|');
const best = {};
for (const scenario of [...new Set(steps.map(s => s.scenario))]) {
  const [rooms, members, senders] = layouts[scenario].split(' ');
  for (const kind of kinds) {
    const mine = steps.filter(s => s.scenario === scenario && s.kind === kind && !s.verdict.startsWith('disturbed'));
    const held = mine.filter(s => s.verdict === 'held' && s.r);
    const top = held.reduce((a, s) => (!a || s.r.deliveryRate > a.r.deliveryRate ? s : a), null);
    const fail = mine.find(s => s.verdict !== 'held');
    best[scenario + kind] = top;
    const failText = fail ? `${fail.rate}: ${fail.verdict}` + (fail.r ? ` (${num(fail.r.deliveryRate)} deliveries/s)` : '')
      : (mine.length ? 'none (end of the rate list)' : 'not run');
    lines.push(`| ${scenario}: ${rooms} x ${members}, ${senders} senders | ${label(kind)} | ${top ? top.rate : 'none'} | `
      + `${top ? num(top.r.sendRate) : 'n/a'} | ${top ? '**' + num(top.r.deliveryRate) + '**' : 'n/a'} | `
      + `${top ? ms(top.r.latencyMicros.p50) : 'n/a'} | ${top ? ms(top.r.latencyMicros.p99) : 'n/a'} | ${failText} |`);
  }
}
const busy = steps.filter(s => !s.verdict.startsWith('disturbed') && Number(s.other) > Number(maxOther));
if (busy.length) {
  lines.push('');
  lines.push(`**Warning:** other processes used more than ${maxOther} cores during ${busy.length} counted step(s) even after the `
    + 'retries: ' + busy.map(s => `${s.scenario} ${label(s.kind)} ${s.rate} (${s.other} cores)`).join(', ') + '.');
}
if (kinds.includes('chat-service') && kinds.includes('chat-signed-in')) {
  lines.push('');
  for (const scenario of [...new Set(steps.map(s => s.scenario))]) {
    const a = best[scenario + 'chat-signed-in'], b = best[scenario + 'chat-service'];
    lines.push(`Scenario ${scenario}: deliveries/s held, signed-in / anonymous chat-service = `
      + (a && b ? `**×${(a.r.deliveryRate / b.r.deliveryRate).toFixed(2)}**` : 'n/a (one side held no step)'));
  }
}
for (const kind of kinds.filter(k => k.startsWith('chat-') && k !== 'chat-signed-in')) {
  if (!kinds.includes('socketio')) break;
  lines.push('');
  for (const scenario of [...new Set(steps.map(s => s.scenario))]) {
    const a = best[scenario + kind], b = best[scenario + 'socketio'];
    lines.push(`Scenario ${scenario}: deliveries/s held, ${label(kind)} / Socket.IO = `
      + (a && b ? `**×${(a.r.deliveryRate / b.r.deliveryRate).toFixed(2)}**` : 'n/a (one side held no step)')
      + (a && b ? ` (p50 ×${(a.r.latencyMicros.p50 / b.r.latencyMicros.p50).toFixed(2)}, p99 ×${(a.r.latencyMicros.p99 / b.r.latencyMicros.p99).toFixed(2)} at those steps)` : ''));
  }
}
lines.push('');
lines.push('Every step, in the order run (load: the 1-minute load average just before the step, this benchmark\'s own '
  + 'processes included):');
lines.push('');
lines.push('CPU columns: cores used during the measured phase by the two server instances, the generator, Redis, and the '
  + `whole machine (${machine.cpus} cores), from /proc; µs/delivery: the servers\' CPU time per delivery; other: the machine `
  + 'minus the three, i.e. other processes (a step where they used more than the limit is marked disturbed, run again and '
  + 'left out of the results above).');
lines.push('');
lines.push('| scenario | server | rate | sent/s | deliveries/s | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | lost | dup | errors | CPU servers | µs/delivery | CPU generator | CPU Redis | CPU machine | CPU other | load | verdict |');
lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
const cpuOf = f => { try { return JSON.parse(fs.readFileSync(path.join(out, f.replace(/\.json$/, '.cpu')), 'utf8')); } catch { return null; } };
const cores = x => x == null ? 'n/a' : x.toFixed(2);
for (const s of steps) {
  const r = s.r, c = cpuOf(s.file);
  lines.push(`| ${s.scenario} | ${label(s.kind)} | ${s.rate} | ${r ? num(r.sendRate) : 'n/a'} | ${r ? num(r.deliveryRate) : 'n/a'} | `
    + `${r ? ms(r.latencyMicros.p50) : 'n/a'} | ${r ? ms(r.latencyMicros.p99) : 'n/a'} | `
    + `${r ? ms(r.latencyMicros.p999) : 'n/a'} | ${r ? ms(r.latencyMicros.max) : 'n/a'} | ${r ? r.lost : 'n/a'} | `
    + `${r ? r.duplicated : 'n/a'} | ${r ? r.errors : 'n/a'} | ${cores(c?.servers)} | `
    + `${c && r && r.deliveryRate ? num(c.servers / r.deliveryRate * 1e6, 1) : 'n/a'} | ${cores(c?.generator)} | ${cores(c?.redis)} | `
    + `${cores(c?.machine)} | ${s.other || 'n/a'} | ${s.load1} | ${s.verdict}${r && r.firstError ? ' — ' + r.firstError : ''} |`);
}
const memory = ['chat-service', 'chat-signed-in', 'socketio'].map(k => read(`chat-memory-${k}.json`)).filter(Boolean);
if (memory.length) {
  lines.push('');
  lines.push('Memory per connected client (RSS summed over the two instances, fresh servers primed by a 200-client run; '
    + 'clients joined, one sender a room at a negligible rate):');
  lines.push('');
  lines.push('| server | clients | RSS before | RSS while connected | KiB per client | run |');
  lines.push('|---|---:|---:|---:|---:|---|');
  for (const m of memory) {
    lines.push(`| ${label(m.kind)} | ${num(m.clients)} | ${num(m.rssBeforeKiB / 1024, 1)} MiB | ${num(m.rssHeldKiB / 1024, 1)} MiB | `
      + `**${num(m.kibPerClient, 2)}** | ${m.runPassed ? 'pass' : 'FAILED checks'} |`);
  }
}
lines.push('');
lines.push(`Total time: ${Math.floor(elapsed / 60)} min ${elapsed % 60} s.`);
console.log(lines.join('\n'));
EOF
cat "$OUT/chat-summary.md"
