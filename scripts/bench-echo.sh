#!/usr/bin/env bash
# Echo benchmarks on this machine: echo-service against a bare Vert.x server and Node's ws.
#
#   scripts/bench-echo.sh
#
# For each server: start it on 127.0.0.1, wait until it accepts connections, run
# `rtc bench echo --json` with 64-byte messages and 50 connections at window 1 and at window 16,
# stop it. Then, on echo-service only: startup time to ready and idle RSS, and the memory held by
# 10,000 idle connections. Everything is written under target/bench/; the markdown summary is
# printed at the end and kept in target/bench/echo-summary.md.
#
# Environment (defaults in brackets):
#   BENCH_DURATION [15]  BENCH_WARMUP [5]      seconds measured / warmed up per run
#   BENCH_ROUNDS [3]     rounds over all servers, interleaved; the summary gives medians, so that one
#                        noisy moment on a shared machine does not decide a ratio
#   BENCH_SERVERS ["echo-service vertx node"]  which servers to compare; echo-callbacks is echo-service
#                        with ECHO_FAST_PATH=false (messages through the WebSockets Next callbacks)
#   BENCH_IDLE_CONNECTIONS [10000]  BENCH_IDLE_HOLD [20]   idle test; 0 connections skips it
#   BENCH_STARTUP_RUNS [3]          echo-service starts timed; 0 skips
#   ECHO_PORT [28080]  VERTX_PORT [28090]  NODE_PORT [28091]
#   GEN_THREADS [2]                 event loops of the generator
#   GEN_JAVA_OPTS [-XX:+UseSerialGC]  JVM options of the generator (a serial GC leaves more of the
#                                   2 cores to the server under test)
#   SERVER_JAVA_OPTS []             JVM options of both Java servers
#   ECHO_LIMITS_CONNECTIONS_PER_ADDRESS, ECHO_LIMITS_CONNECT_RATE, ECHO_LIMITS_CONNECT_BURST [1000000 each]
#                                   echo-service's per-address limits, raised out of the way: every client here
#                                   comes from 127.0.0.1 (the idle run: 10,000 connections from four addresses),
#                                   far over the defaults (500 per address, 20/s after a burst of 100). The counting
#                                   still runs, so its cost is measured. The frame rate per connection keeps its
#                                   default (ECHO_LIMITS_FRAME_RATE, 20,000/s; a window-16 run asks about 13,000/s
#                                   of each connection), so the runs measure what ships.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DURATION=${BENCH_DURATION:-15}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-5}
SERVERS=${BENCH_SERVERS:-"echo-service vertx node"}
IDLE_CONNECTIONS=${BENCH_IDLE_CONNECTIONS:-10000}
IDLE_HOLD=${BENCH_IDLE_HOLD:-20}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-3}
ECHO_PORT=${ECHO_PORT:-28080}
VERTX_PORT=${VERTX_PORT:-28090}
NODE_PORT=${NODE_PORT:-28091}
GEN_THREADS=${GEN_THREADS:-2}
read -r -a GEN_OPTS <<< "${GEN_JAVA_OPTS:--XX:+UseSerialGC}"
read -r -a SERVER_OPTS <<< "${SERVER_JAVA_OPTS:-}"
ECHO_LIMITS=(ECHO_LIMITS_CONNECTIONS_PER_ADDRESS="${ECHO_LIMITS_CONNECTIONS_PER_ADDRESS:-1000000}"
    ECHO_LIMITS_CONNECT_RATE="${ECHO_LIMITS_CONNECT_RATE:-1000000}"
    ECHO_LIMITS_CONNECT_BURST="${ECHO_LIMITS_CONNECT_BURST:-1000000}")

OUT=target/bench
CLI_JAR=cli/target/quarkus-app/quarkus-run.jar
ECHO_JAR=echo-service/target/quarkus-app/quarkus-run.jar
START_TIMEOUT=60     # seconds for a server to accept connections
STOP_TIMEOUT=10      # seconds for a server to exit after SIGTERM

BENCH_NAME=bench-echo
# log, die, the EXIT trap that stops every process in STARTED, stop_process(es), forget, now_ms,
# rss_kib, port_open, wait_until, health_ready
. "$ROOT/scripts/lib/bench-common.sh"

# heap_after_gc_kib PID: runs a full GC in the JVM, then prints the heap in use (KiB): the live data.
heap_after_gc_kib() {
    jcmd "$1" GC.run >/dev/null
    # One "total ..., used NK" line per heap space (G1: one, serial: young and tenured); not Metaspace.
    jcmd "$1" GC.heap_info | awk '/(heap|generation) +total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); sum += v } }
        END { print sum + 0 }'
}

# start_server NAME: starts it in the background; sets SERVER_PID and SERVER_PORT.
start_server() {
    local name=$1
    case $name in
        echo-service | echo-callbacks) SERVER_PORT=$ECHO_PORT ;;
        vertx) SERVER_PORT=$VERTX_PORT ;;
        node) SERVER_PORT=$NODE_PORT ;;
        *) die "unknown server '$name' (known: echo-service echo-callbacks vertx node)" ;;
    esac
    ! port_open "$SERVER_PORT" || die "port $SERVER_PORT ($name) is already in use; choose another with ECHO_PORT, VERTX_PORT or NODE_PORT"
    case $name in
        echo-service)
            QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$ECHO_PORT QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE=2 \
                env "${ECHO_LIMITS[@]}" java "${SERVER_OPTS[@]}" -jar "$ECHO_JAR" >>"$OUT/server-$name.log" 2>&1 &
            ;;
        echo-callbacks) # echo-service answering through its WebSockets Next callbacks
            ECHO_FAST_PATH=false QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$ECHO_PORT QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE=2 \
                env "${ECHO_LIMITS[@]}" java "${SERVER_OPTS[@]}" -jar "$ECHO_JAR" >>"$OUT/server-$name.log" 2>&1 &
            ;;
        vertx)
            java "${SERVER_OPTS[@]}" -cp "cli/target/quarkus-app/lib/main/*" bench/peers/VertxEcho.java \
                "$VERTX_PORT" 2 >>"$OUT/server-$name.log" 2>&1 &
            ;;
        node)
            node bench/peers/ws-echo.js "$NODE_PORT" >>"$OUT/server-$name.log" 2>&1 &
            ;;
    esac
    SERVER_PID=$!
    STARTED+=("$SERVER_PID")
    wait_until "$START_TIMEOUT" "$SERVER_PID" port_open "$SERVER_PORT" \
        || die "$name did not accept connections on port $SERVER_PORT within ${START_TIMEOUT}s (see $OUT/server-$name.log)"
}

# rtc OUTPUT_FILE ARGS...: one `rtc bench echo --json` run; returns its exit code.
rtc() {
    local output=$1
    shift
    java "${GEN_OPTS[@]}" -jar "$CLI_JAR" bench echo --json --threads "$GEN_THREADS" "$@" >"$output"
}

# --- preparation ------------------------------------------------------------------------------
mkdir -p "$OUT"
rm -f "$OUT"/echo-*.json "$OUT"/server-*.log
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
command -v node >/dev/null || die "node is required (Node's ws peer, JSON summary)"
command -v curl >/dev/null || die "curl is required (echo-service readiness)"

if [[ ! -f $CLI_JAR || ( $SERVERS == *echo-service* && ! -f $ECHO_JAR ) ]]; then
    log "building the jars (mvn package, tests skipped)"
    mvn -B -q -DskipTests package
fi
[[ $SERVERS != *echo-service* || -f $ECHO_JAR ]] || die "$ECHO_JAR is missing after the build"
if [[ $SERVERS == *node* ]]; then
    log "installing the Node peers (npm ci)"
    (cd bench/peers && npm ci --no-audit --no-fund --silent)
fi
FAILED=0

# --- echo-service startup time to ready, idle RSS ---------------------------------------------
if [[ $SERVERS == *echo-service* ]] && ((STARTUP_RUNS > 0)); then
    : >"$OUT/startup.tsv"
    for ((run = 1; run <= STARTUP_RUNS; run++)); do
        ! port_open "$ECHO_PORT" || die "port $ECHO_PORT is already in use; set ECHO_PORT"
        start=$(now_ms)
        QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$ECHO_PORT QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE=2 \
            env "${ECHO_LIMITS[@]}" java "${SERVER_OPTS[@]}" -jar "$ECHO_JAR" >>"$OUT/server-echo-service.log" 2>&1 &
        pid=$!
        STARTED+=("$pid")
        wait_until "$START_TIMEOUT" "$pid" health_ready "$ECHO_PORT" \
            || die "echo-service was not ready within ${START_TIMEOUT}s (see $OUT/server-echo-service.log)"
        ready=$(($(now_ms) - start))
        rss=$(rss_kib "$pid")
        log "startup run $run: ready in ${ready} ms, RSS ${rss} KiB"
        printf '%s\t%s\n' "$ready" "$rss" >>"$OUT/startup.tsv"
        stop_process "$pid"
    done
    node -e '
        const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(l => l.split("\t").map(Number));
        const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
        console.log(JSON.stringify({ runs: rows.map(([readyMs, rssKiB]) => ({ readyMs, rssKiB })),
            medianReadyMs: median(rows.map(r => r[0])), medianIdleRssKiB: median(rows.map(r => r[1])) }));
    ' "$OUT/startup.tsv" >"$OUT/echo-startup.json"
    rm -f "$OUT/startup.tsv"
fi

# --- throughput and latency: each server, window 1 and 16 ---------------------------------------
for ((round = 1; round <= ROUNDS; round++)); do
    for server in $SERVERS; do
        log "round $round: $server: starting"
        start_server "$server"
        for window in 1 16; do
            log "$server: 50 connections, window $window, 64 bytes, ${WARMUP}s warmup + ${DURATION}s"
            if ! rtc "$OUT/echo-$server-w$window-r$round.json" --url "ws://127.0.0.1:$SERVER_PORT/" --connections 50 \
                --window "$window" --size 64 --warmup "$WARMUP" --duration "$DURATION"; then
                log "$server window $window: the run FAILED its checks (see the JSON)"
                FAILED=1
            fi
        done
        stop_process "$SERVER_PID"
    done
done

# --- echo-service holding idle connections --------------------------------------------------------
if [[ $SERVERS == *echo-service* ]] && ((IDLE_CONNECTIONS > 0)); then
    log "echo-service: $IDLE_CONNECTIONS idle connections for ${IDLE_HOLD}s"
    start_server echo-service
    wait_until "$START_TIMEOUT" "$SERVER_PID" health_ready "$ECHO_PORT" || die "echo-service not ready"
    sleep 2 # let startup work (JIT, class loading) settle before the baseline
    heap_before=$(heap_after_gc_kib "$SERVER_PID")
    rss_before=$(rss_kib "$SERVER_PID")
    rtc "$OUT/echo-idle.json" --idle --url "ws://127.0.0.1:$ECHO_PORT/" --connections "$IDLE_CONNECTIONS" \
        --local-addresses 127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4 --duration "$IDLE_HOLD" \
        2>"$OUT/echo-idle.progress" &
    gen_pid=$!
    STARTED+=("$gen_pid")
    # The generator says "holding" once every connection is open and verified.
    wait_until 300 "$gen_pid" grep -q "holding" "$OUT/echo-idle.progress" \
        || die "the idle run did not reach its hold phase (see $OUT/echo-idle.progress)"
    sleep $((IDLE_HOLD / 4 + 1))
    rss_held=$(rss_kib "$SERVER_PID")
    heap_held=$(heap_after_gc_kib "$SERVER_PID")
    rss_held_gc=$(rss_kib "$SERVER_PID")
    if ! wait "$gen_pid"; then
        log "echo-service idle: the run FAILED its checks (see $OUT/echo-idle.json)"
        FAILED=1
    fi
    forget "$gen_pid"
    stop_process "$SERVER_PID"
    node -e '
        const [n, before, held, heldGc, heapBefore, heapHeld] = process.argv.slice(1).map(Number);
        const per = kib => Math.round(kib / n * 100) / 100;
        console.log(JSON.stringify({ connections: n, javaOpts: process.env.SERVER_JAVA_OPTS || "",
            rssBeforeKiB: before, rssHeldKiB: held, rssHeldAfterGcKiB: heldGc,
            heapLiveBeforeKiB: heapBefore, heapLiveHeldKiB: heapHeld,
            kibPerConnection: per(held - before), kibPerConnectionAfterGc: per(heldGc - before),
            heapKibPerConnection: per(heapHeld - heapBefore) }));
    ' "$IDLE_CONNECTIONS" "$rss_before" "$rss_held" "$rss_held_gc" "$heap_before" "$heap_held" >"$OUT/echo-idle-memory.json"
fi

# --- summary --------------------------------------------------------------------------------------
node - "$OUT" "$SERVERS" "$ROUNDS" >"$OUT/echo-summary.md" <<'EOF'
const fs = require('fs');
const path = require('path');
const [out, serverList, roundCount] = process.argv.slice(2);
const servers = serverList.split(/\s+/).filter(Boolean);
const read = f => { try { return JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')); } catch { return null; } };
const num = (x, d = 0) => x == null ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ratio = (a, b) => a == null || b == null || b === 0 ? 'n/a' : (a / b).toFixed(2);
const lines = [];
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
// The median of each figure over the rounds (figures may come from different rounds).
const run = (s, w) => {
  const rs = [];
  for (let r = 1; r <= Number(roundCount); r++) { const x = read(`echo-${s}-w${w}-r${r}.json`); if (x) rs.push(x); }
  if (!rs.length) return null;
  const tp = rs.map(r => r.throughput);
  return { rounds: rs.length, throughput: median(tp), min: Math.min(...tp), max: Math.max(...tp),
    latencyMicros: { p50: median(rs.map(r => r.latencyMicros.p50)), p99: median(rs.map(r => r.latencyMicros.p99)) },
    errors: rs.reduce((a, r) => a + r.errors, 0), wrongReplies: rs.reduce((a, r) => a + r.wrongReplies, 0),
    passed: rs.every(r => r.passed) };
};
lines.push(`Medians over ${roundCount} interleaved rounds.`);
lines.push('');
lines.push('| server | window | msg/s (median) | msg/s (min–max) | p50 (µs) | p99 (µs) | errors | wrong replies | checks |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const s of servers) for (const w of [1, 16]) {
  const r = run(s, w);
  if (!r) { lines.push(`| ${s} | ${w} | n/a | n/a | n/a | n/a | n/a | n/a | no result |`); continue; }
  lines.push(`| ${s} | ${w} | ${num(r.throughput)} | ${num(r.min)}–${num(r.max)} | ${num(r.latencyMicros.p50, 1)} | ${num(r.latencyMicros.p99, 1)} | ${r.errors} | ${r.wrongReplies} | ${r.passed ? 'pass' : 'FAIL'} |`);
}
for (const [other, label] of [['vertx', 'Vert.x'], ['node', 'Node ws']]) {
  if (!servers.includes('echo-service') || !servers.includes(other)) continue;
  lines.push('');
  lines.push(`echo-service / ${label}: ` + [1, 16].map(w => {
    const a = run('echo-service', w), b = run(other, w);
    return `window ${w}: throughput ×${ratio(a?.throughput, b?.throughput)}, p50 ×${ratio(a?.latencyMicros.p50, b?.latencyMicros.p50)}, p99 ×${ratio(a?.latencyMicros.p99, b?.latencyMicros.p99)}`;
  }).join('; '));
}
const startup = read('echo-startup.json');
if (startup) {
  lines.push('');
  lines.push(`echo-service startup to ready: median ${startup.medianReadyMs} ms over ${startup.runs.length} starts `
    + `(${startup.runs.map(r => r.readyMs).join(', ')} ms); RSS when ready: median ${num(startup.medianIdleRssKiB / 1024, 1)} MiB`);
}
const idle = read('echo-idle.json'), memory = read('echo-idle-memory.json');
if (idle && memory) {
  lines.push('');
  lines.push(`echo-service idle connections: ${num(idle.opened)} of ${num(idle.connections)} opened, `
    + `${num(idle.openAtEnd)} still open after ${idle.durationSeconds} s, ${idle.closedByPeer} closed by the server, `
    + `${idle.errors} errors; RSS ${num(memory.rssBeforeKiB / 1024, 1)} MiB → ${num(memory.rssHeldKiB / 1024, 1)} MiB, `
    + `${num(memory.kibPerConnection, 2)} KiB per connection (after a full GC: RSS `
    + `${num(memory.kibPerConnectionAfterGc, 2)} KiB, live heap ${num(memory.heapKibPerConnection, 2)} KiB per connection)`
    + (memory.javaOpts ? `; server JVM options: ${memory.javaOpts}` : ''));
}
console.log(lines.join('\n'));
EOF
cat "$OUT/echo-summary.md"
exit "$FAILED"
