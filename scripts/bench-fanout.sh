#!/usr/bin/env bash
# Fan-out benchmarks on this machine: confirmed publishes per second through fanout-service (HTTP
# POST /api/logs answered 202 once RabbitMQ confirmed the persistent message) against RabbitMQ
# PerfTest publishing the same shape straight over AMQP to the same broker.
#
#   scripts/bench-fanout.sh
#
# Builds nothing: the jars must be there (mvn -B -DskipTests package -pl fanout-service,cli -am); they
# are copied under target/bench/fanout-jars/ first, so that a rebuild during the run cannot change them.
# PerfTest (com.rabbitmq:perf-test, with its dependencies) is fetched once with Maven into
# target/bench/perftest/lib.
#
# 1. fanout-service is started from its copied jar on 127.0.0.1:BENCH_PORT with FANOUT_ARCHIVE_DIR in
#    target/bench (emptied first), against the broker below. For each level C of BENCH_CONCURRENCY:
#    `rtc bench fanout --concurrency C`: C POSTs in flight (closed loop), BENCH_SIZE-byte text/plain
#    messages, BENCH_TAIL_CLIENTS WebSocket clients on /logs/stream; after the run every confirmed id
#    must be in GET /api/logs and on every tail client.
# 2. PerfTest at the same level: a fanout exchange of its own (PERFTEST_EXCHANGE, never `logs`), two
#    durable queues bound to it (like fanout-service's archive and stream queues), persistent
#    messages, publisher confirms with at most C unconfirmed (--confirm C, the C requests in flight),
#    BENCH_SIZE-byte messages, one producer, two consumers that ack each message, warmup + duration
#    seconds; its rate is the mean of its per-second lines after the warmup. Its exchange and queues
#    are deleted after each run and at exit (bench/peers/AmqpCleanup.java, over AMQP).
# The whole sweep of levels is run BENCH_RUNS times (one fanout-service for all of them); the two
# kinds alternate who goes first from one level to the next, across runs too. CPU of the service,
# the broker (the beam.smp listening on RABBITMQ_PORT), the generator and the whole machine is
# sampled over each measured phase; CPU per message is that CPU divided by the messages confirmed
# in the phase (cores / confirmed per second): fanout-service's and the broker's per message
# fanout-service confirmed, the broker's per message PerfTest had confirmed.
# Raw results of run R (fanout-r<R>-c<C>.json, perftest-r<R>-c<C>.log, *.cpu), the service log and
# the markdown summary (fanout-summary.md, printed at the end: per level the median of the runs, then
# every run's row) land in target/bench/. Every process started here is stopped on exit; the broker
# is never stopped, and nothing of fanout-service's own (exchange `logs`, queue `logs.archive`) is
# deleted.
# Do not run another fanout-service on the same broker meanwhile: it would share `logs.archive`
# and take half of the archive entries (the run would count them as lost).
#
# Environment (defaults in brackets):
#   BENCH_DURATION [10]  BENCH_WARMUP [3]   seconds measured / warmed up per run (whole seconds)
#   BENCH_CONCURRENCY ["16 64 256"]        levels: rtc --concurrency = PerfTest --confirm
#   BENCH_RUNS [3]                          how many times the whole sweep of levels is run (medians over them)
#   BENCH_SERVER_WARMUP [20]                seconds of a discarded rtc run at 64 in flight before the first level (JIT)
#   BENCH_SIZE [100]                        message bytes
#   BENCH_TAIL_CLIENTS [1]                  rtc's WebSocket clients on /logs/stream
#   BENCH_ARCHIVE_TIMEOUT [60]              rtc's wait for the archive to hold every confirmed id
#   BENCH_KINDS ["fanout perftest"]         what to run; "perftest" alone needs no jar
#   BENCH_PORT [8082]                       fanout-service's port (it must be free)
#   RABBITMQ_HOST [127.0.0.1] RABBITMQ_PORT [5672] RABBITMQ_USERNAME [guest] RABBITMQ_PASSWORD [guest]
#   BENCH_BROKER_PIDS [the beam.smp listening on RABBITMQ_PORT, else every beam.smp]  whose CPU is the broker's
#   PERFTEST_VERSION [2.22.1]  PERFTEST_EXCHANGE [logs-perftest]  (queues: <exchange>-1, <exchange>-2)
#   GEN_THREADS [2]                         event loops of rtc
#   GEN_JAVA_OPTS [-XX:+UseSerialGC]        JVM options of rtc and PerfTest
#   SERVER_JAVA_OPTS []                     JVM options of fanout-service
#   BENCH_OUT [target/bench]                where the results go (its fanout-* and perftest-* files are replaced)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
LEVELS=${BENCH_CONCURRENCY:-"16 64 256"}
RUNS=${BENCH_RUNS:-3}
SERVER_WARMUP=${BENCH_SERVER_WARMUP:-20}
SIZE=${BENCH_SIZE:-100}
TAILS=${BENCH_TAIL_CLIENTS:-1}
ARCHIVE_TIMEOUT=${BENCH_ARCHIVE_TIMEOUT:-60}
KINDS=${BENCH_KINDS:-"fanout perftest"}
PORT=${BENCH_PORT:-8082}
RABBIT_HOST=${RABBITMQ_HOST:-127.0.0.1}
RABBIT_PORT=${RABBITMQ_PORT:-5672}
RABBIT_USER=${RABBITMQ_USERNAME:-guest}
RABBIT_PASSWORD=${RABBITMQ_PASSWORD:-guest}
PT_VERSION=${PERFTEST_VERSION:-2.22.1}
PT_EXCHANGE=${PERFTEST_EXCHANGE:-logs-perftest}
GEN_THREADS=${GEN_THREADS:-2}
read -r -a GEN_OPTS <<< "${GEN_JAVA_OPTS:--XX:+UseSerialGC}"
read -r -a SERVER_OPTS <<< "${SERVER_JAVA_OPTS:-}"

OUT=${BENCH_OUT:-target/bench}
JARS=$OUT/fanout-jars
FANOUT_JAR=$JARS/fanout-service/quarkus-run.jar
CLI_JAR=$JARS/cli/quarkus-run.jar
ARCHIVE_DIR=$OUT/fanout-archive
PT_DIR=$OUT/perftest
AMQP_URI=amqp://$RABBIT_USER:$RABBIT_PASSWORD@$RABBIT_HOST:$RABBIT_PORT
START_TIMEOUT=60     # seconds for fanout-service to be ready

BENCH_NAME=bench-fanout
STOP_TIMEOUT=15      # seconds for a process to exit after SIGTERM
# log, die, the EXIT trap that stops every process in STARTED, stop_process(es), forget, now_ms,
# rss_kib, port_open, wait_until, health_ready
. "$ROOT/scripts/lib/bench-common.sh"

[[ $PT_EXCHANGE != logs && $PT_EXCHANGE != amq.* && -n $PT_EXCHANGE ]] \
    || die "PERFTEST_EXCHANGE must be an exchange of its own, not '$PT_EXCHANGE'"
[[ $DURATION =~ ^[0-9]+$ && $WARMUP =~ ^[0-9]+$ && $DURATION -gt 0 ]] \
    || die "BENCH_DURATION and BENCH_WARMUP must be whole seconds (PerfTest's --time is)"
[[ $RUNS =~ ^[0-9]+$ && $RUNS -gt 0 ]] || die "BENCH_RUNS must be a whole number above 0"
for c in $LEVELS; do
    [[ $c =~ ^[0-9]+$ && $c -gt 0 ]] || die "BENCH_CONCURRENCY: '$c' is not a level (a whole number above 0)"
done
for kind in $KINDS; do
    [[ $kind == fanout || $kind == perftest ]] || die "unknown kind '$kind' (known: fanout perftest)"
done
wants() { [[ " $KINDS " == *" $1 "* ]]; }

CLK_TCK=$(getconf CLK_TCK)
# broker_pids: the process listening on RABBITMQ_PORT if this machine shows it (a private node, or
# a broker of the same user), else every beam.smp. Only read (/proc/PID/stat), for the broker's CPU.
broker_pids() {
    local pids
    [[ $RABBIT_HOST == 127.* || $RABBIT_HOST == localhost || $RABBIT_HOST == ::1 ]] || return 0 # not on this machine
    pids=$(ss -Hltnp "sport = :$RABBIT_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u | tr '\n' ' ')
    if [[ -n ${pids// /} ]]; then echo "$pids"; else pidof beam.smp || true; fi
}
BROKER_PIDS=${BENCH_BROKER_PIDS:-$(broker_pids)}
BROKER_PIDS=$(echo $BROKER_PIDS) # one line, single spaces
SERVER_PID=""

# delete_perftest_objects: PerfTest's exchange and queues, if they exist. Never `logs` or `logs.*`
# (AmqpCleanup refuses those too).
delete_perftest_objects() {
    [[ -f $PT_DIR/lib/perf-test-$PT_VERSION.jar ]] || return 0
    java -cp "$PT_DIR/lib/*" -Dlogback.configurationFile=logback-perf-test.xml bench/peers/AmqpCleanup.java "$AMQP_URI" \
        --exchange "$PT_EXCHANGE" --queue "$PT_EXCHANGE-1" --queue "$PT_EXCHANGE-2" 2>&1 \
        | grep -v ' DEBUG ' | sed "s/^/$BENCH_NAME: /" >&2 || true
}

bench_exit_hook() {
    if wants perftest; then delete_perftest_objects; fi
}

# --- CPU sampling ------------------------------------------------------------------------------
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

# sample_cpu GEN_PID FILE START_TEST END_TEST: the cores used by the generator, fanout-service, the
# broker and the whole machine between the moments START_TEST and then END_TEST (commands) first
# succeed, and the CPU seconds of the first three, as one JSON object in FILE. Polls five times a
# second; the window ends at the last poll while the generator was still alive (its CPU time is gone
# with its /proc entry).
sample_cpu() {
    local pid=$1 file=$2 start=$3 end=$4 t0 g0 s0 b0 m0 t1 g1 s1 b1 m1 g
    until eval "$start"; do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    t0=$(now_ms) g0=$(cpu_ticks "$pid") s0=$(cpu_ticks $SERVER_PID) b0=$(cpu_ticks $BROKER_PIDS) m0=$(busy_ticks)
    t1=$t0 g1=$g0 s1=$s0 b1=$b0 m1=$m0
    until eval "$end"; do
        sleep 0.2
        g=$(cpu_ticks "$pid")
        ((g >= g1)) || break # the generator is gone
        t1=$(now_ms) g1=$g s1=$(cpu_ticks $SERVER_PID) b1=$(cpu_ticks $BROKER_PIDS) m1=$(busy_ticks)
    done
    g=$(cpu_ticks "$pid")
    if ((g >= g1)); then
        t1=$(now_ms) g1=$g s1=$(cpu_ticks $SERVER_PID) b1=$(cpu_ticks $BROKER_PIDS) m1=$(busy_ticks)
    fi
    awk -v hz="$CLK_TCK" -v ms=$((t1 - t0)) -v g=$((g1 - g0)) -v s=$((s1 - s0)) -v b=$((b1 - b0)) -v m=$((m1 - m0)) \
        -v broker="${BROKER_PIDS:+1}" 'BEGIN { w = ms / 1000; c = hz * w; if (c <= 0) c = 1;
            printf "{\"windowSeconds\":%.3f,\"generator\":%.3f,\"service\":%.3f,\"broker\":%s,\"machine\":%.3f,",
                w, g / c, s / c, broker ? sprintf("%.3f", b / c) : "null", m / c
            printf "\"generatorSeconds\":%.2f,\"serviceSeconds\":%.2f,\"brokerSeconds\":%s}\n",
                g / hz, s / hz, broker ? sprintf("%.2f", b / hz) : "null" }' >"$file"
}

# --- the two kinds of runs ---------------------------------------------------------------------
# run_fanout R C: one `rtc bench fanout` run at concurrency C in run R; its JSON report in
# fanout-r<R>-c<C>.json.
run_fanout() {
    local r=$1 c=$2 name=fanout-r$1-c$2 pid rc=0
    java "${GEN_OPTS[@]}" -jar "$CLI_JAR" bench fanout --json --url "http://127.0.0.1:$PORT" --concurrency "$c" \
        --size "$SIZE" --tail-clients "$TAILS" --duration "$DURATION" --warmup "$WARMUP" --threads "$GEN_THREADS" \
        --archive-timeout "$ARCHIVE_TIMEOUT" --run-tag "r${r}c${c}x$RANDOM" >"$OUT/$name.json" 2>"$OUT/$name.progress" &
    pid=$!
    STARTED+=("$pid")
    sample_cpu "$pid" "$OUT/$name.cpu" "grep -q 'measuring for' '$OUT/$name.progress' 2>/dev/null" \
        "grep -q 'draining' '$OUT/$name.progress' 2>/dev/null"
    wait "$pid" || rc=$?
    forget "$pid"
    log "  fanout-service, $c in flight: $(node -e 'const fs = require("fs"); try { const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
        let cpu = null; try { cpu = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) } catch {}
        const per = k => cpu && cpu[k] != null && r.publishedPerSecond > 0 ? Math.round(cpu[k] * 1e6 / r.publishedPerSecond) + " µs" : "n/a";
        console.log(`${Math.round(r.publishedPerSecond)} confirmed/s, publish p50 ${(r.publishLatencyMicros.p50 / 1000).toFixed(1)} ms, `
          + `p99 ${(r.publishLatencyMicros.p99 / 1000).toFixed(1)} ms, CPU/msg service ${per("service")} broker ${per("broker")}, `
          + `lost ${r.lost}, duplicated ${r.duplicated}, ${r.passed ? "passed" : "FAILED"}`)
        } catch { console.log("no report (see the .progress file)") }' "$OUT/$name.json" "$OUT/$name.cpu")"
    return "$rc"
}

# perftest_after_warmup FILE: true once PerfTest printed a per-second line past the warmup.
perftest_after_warmup() {
    awk -v w="$WARMUP" '{ for (i = 1; i < NF; i++) if ($i == "time" && $(i + 2) == "s,") if ($(i + 1) + 0 >= w) found = 1 }
        END { exit !found }' "$1" 2>/dev/null
}

# run_perftest R C: one PerfTest run with --confirm C in run R; its output in perftest-r<R>-c<C>.log,
# its command line in perftest-r<R>-c<C>.cmd.
run_perftest() {
    local r=$1 c=$2 name=perftest-r$1-c$2 pid rc=0
    local cmd=(java "${GEN_OPTS[@]}" -cp "$PT_DIR/lib/*" -Dlogback.configurationFile=logback-perf-test.xml
        com.rabbitmq.perf.PerfTest --uri "$AMQP_URI" --id "$name" --exchange "$PT_EXCHANGE" --type fanout
        --queue-pattern "$PT_EXCHANGE-%d" --queue-pattern-from 1 --queue-pattern-to 2 --auto-delete false
        --producers 1 --consumers 2 --flag persistent --confirm "$c" --size "$SIZE" --time $((WARMUP + DURATION)))
    local line
    line=$(printf '%q ' "${cmd[@]}")
    echo "${line//:$RABBIT_PASSWORD@/:***@}" >"$OUT/$name.cmd"
    "${cmd[@]}" >"$OUT/$name.log" 2>&1 &
    pid=$!
    STARTED+=("$pid")
    sample_cpu "$pid" "$OUT/$name.cpu" "perftest_after_warmup '$OUT/$name.log'" \
        "grep -q 'test stopped' '$OUT/$name.log' 2>/dev/null"
    wait "$pid" || rc=$?
    forget "$pid"
    delete_perftest_objects
    log "  PerfTest, --confirm $c: $(node "$OUT/perftest-parse.js" "$OUT/$name.log" "$WARMUP" \
        | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => { const p = JSON.parse(s);
            let cpu = null; try { cpu = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")) } catch {}
            const per = cpu && cpu.broker != null && p.confirmedPerSecond > 0 ? Math.round(cpu.broker * 1e6 / p.confirmedPerSecond) + " µs" : "n/a";
            console.log(`${Math.round(p.confirmedPerSecond)} confirmed/s, received ${Math.round(p.receivedPerSecond)}/s, `
              + `confirm latency median ${(p.confirmLatencyMicros.p50 / 1000).toFixed(1)} ms, p99 ${(p.confirmLatencyMicros.p99 / 1000).toFixed(1)} ms, `
              + `broker CPU/msg ${per}`) })' "$OUT/$name.cpu" \
        2>/dev/null || echo "no result (see $OUT/$name.log)")"
    return "$rc"
}

# --- preparation -------------------------------------------------------------------------------
BEGIN_MS=$(now_ms)
mkdir -p "$OUT"
rm -rf "$OUT"/fanout-c*.json "$OUT"/fanout-c*.progress "$OUT"/fanout-c*.cpu "$OUT"/perftest-c*.* \
    "$OUT"/fanout-r*-c*.json "$OUT"/fanout-r*-c*.progress "$OUT"/fanout-r*-c*.cpu "$OUT"/perftest-r*-c*.* "$OUT/fanout-summary.md" \
    "$OUT/fanout-server.log" "$OUT/fanout-machine.txt" "$JARS" "$ARCHIVE_DIR"
command -v node >/dev/null || die "node is required (the summary)"
command -v curl >/dev/null || die "curl is required (fanout-service readiness)"
(exec 3<>"/dev/tcp/$RABBIT_HOST/$RABBIT_PORT") 2>/dev/null || die "RabbitMQ does not answer on $RABBIT_HOST:$RABBIT_PORT"

if wants fanout; then
    for module in fanout-service cli; do
        [[ -f $module/target/quarkus-app/quarkus-run.jar ]] \
            || die "$module/target/quarkus-app/quarkus-run.jar is missing: build first (mvn -B -DskipTests package -pl fanout-service,cli -am), or BENCH_KINDS=perftest"
    done
    ! port_open "$PORT" || die "port $PORT is taken: stop what listens there or set BENCH_PORT"
    mkdir -p "$JARS" "$ARCHIVE_DIR"
    cp -a fanout-service/target/quarkus-app "$JARS/fanout-service"
    cp -a cli/target/quarkus-app "$JARS/cli"
fi

# Parses a PerfTest log: the mean of the per-second lines after the warmup, and the final summary.
cat >"$OUT/perftest-parse.js" <<'EOF'
const [file, warmup] = process.argv.slice(2);
const text = require('fs').readFileSync(file, 'utf8');
const intervals = [];
for (const m of text.matchAll(/time (\d+(?:\.\d+)?) s, sent: (\d+) msg\/s, confirmed: (\d+) msg\/s, nacked: (\d+) msg\/s, received: (\d+) msg\/s/g)) {
  intervals.push({ t: Number(m[1]), sent: Number(m[2]), confirmed: Number(m[3]), nacked: Number(m[4]), received: Number(m[5]) });
}
const measured = intervals.filter(i => i.t > Number(warmup) + 0.5);
const mean = k => measured.length ? measured.reduce((a, i) => a + i[k], 0) / measured.length : null;
const pct = name => {
  const m = text.match(new RegExp(name + ' latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) µs'));
  return m ? { min: +m[1], p50: +m[2], p75: +m[3], p95: +m[4], p99: +m[5] } : null;
};
const avg = name => { const m = text.match(new RegExp(name + ' rate avg: (\\d+) msg/s')); return m ? Number(m[1]) : null; };
console.log(JSON.stringify({
  intervals: intervals.length, measuredIntervals: measured.length,
  confirmedPerSecond: mean('confirmed'), sentPerSecond: mean('sent'), receivedPerSecond: mean('received'),
  nacked: intervals.reduce((a, i) => a + i.nacked, 0),
  sendingRateAvgWholeRun: avg('sending'), receivingRateAvgWholeRun: avg('receiving'),
  confirmLatencyMicros: pct('confirm'), consumerLatencyMicros: pct('consumer'),
  stopped: /test stopped/.test(text),
}));
EOF

if wants perftest; then
    if [[ ! -f $PT_DIR/lib/perf-test-$PT_VERSION.jar ]]; then
        log "fetching PerfTest $PT_VERSION and its dependencies into $PT_DIR/lib"
        mkdir -p "$PT_DIR"
        cat >"$PT_DIR/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <!-- Only to fetch RabbitMQ PerfTest with its runtime dependencies (scripts/bench-fanout.sh). -->
  <groupId>bench</groupId>
  <artifactId>perftest-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>com.rabbitmq</groupId>
      <artifactId>perf-test</artifactId>
      <version>$PT_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
        # dependency:copy would fetch perf-test's own jar only; PerfTest needs amqp-client and the rest too.
        mvn -B -q -f "$PT_DIR/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
            -DoutputDirectory="$(realpath -m "$PT_DIR/lib")" || die "could not fetch PerfTest $PT_VERSION"
    fi
    delete_perftest_objects # leftovers of an interrupted run
fi

{
    echo "cpus=$(nproc)"
    echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "java=$(java -version 2>&1 | head -1)"
    echo "rabbitmq=$(rabbitmqctl version 2>/dev/null || echo '?')"
    echo "perftest=$PT_VERSION"
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- fanout-service cli 2>/dev/null || echo ' with uncommitted changes in fanout-service/cli')"
    echo "fanoutJar=$( [[ -f fanout-service/target/quarkus-app/quarkus-run.jar ]] && date -r fanout-service/target/quarkus-app/quarkus-run.jar '+%F %T' || echo 'not used')"
    echo "serverJavaOpts=${SERVER_JAVA_OPTS:-}"
    echo "genJavaOpts=${GEN_OPTS[*]}"
    echo "loadAtStart=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "size=$SIZE"
    echo "tails=$TAILS"
    echo "duration=$DURATION"
    echo "warmup=$WARMUP"
    echo "exchange=$PT_EXCHANGE"
    echo "runs=$RUNS"
    echo "broker=$RABBIT_HOST:$RABBIT_PORT"
    echo "brokerPids=$BROKER_PIDS"
} >"$OUT/fanout-machine.txt"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); the broker's CPU: ${BROKER_PIDS:+pid }${BROKER_PIDS:-not measured (not on this machine)}"

if wants fanout; then
    log "starting fanout-service on 127.0.0.1:$PORT (archive in $ARCHIVE_DIR, broker $RABBIT_HOST:$RABBIT_PORT)"
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT FANOUT_ARCHIVE_DIR=$(realpath -m "$ARCHIVE_DIR") \
        RABBITMQ_HOST=$RABBIT_HOST RABBITMQ_PORT=$RABBIT_PORT RABBITMQ_USERNAME=$RABBIT_USER RABBITMQ_PASSWORD=$RABBIT_PASSWORD \
        java "${SERVER_OPTS[@]}" -jar "$FANOUT_JAR" >>"$OUT/fanout-server.log" 2>&1 &
    SERVER_PID=$!
    STARTED+=("$SERVER_PID")
    wait_until "$START_TIMEOUT" "$SERVER_PID" health_ready "$PORT" \
        || die "fanout-service was not ready within ${START_TIMEOUT}s (see $OUT/fanout-server.log)"
    if ((SERVER_WARMUP > 0)); then
        # the broker is warm whenever PerfTest runs: the service's JIT gets the same chance (not measured)
        log "warming fanout-service up for ${SERVER_WARMUP}s (not measured)"
        java "${GEN_OPTS[@]}" -jar "$CLI_JAR" bench fanout --json --url "http://127.0.0.1:$PORT" --concurrency 64 \
            --size "$SIZE" --tail-clients "$TAILS" --duration "$SERVER_WARMUP" --warmup 0 --threads "$GEN_THREADS" \
            --archive-timeout "$ARCHIVE_TIMEOUT" --run-tag "warmup$RANDOM" >"$OUT/fanout-warmup.json" 2>"$OUT/fanout-warmup.progress" \
            || log "the warm-up run failed (see $OUT/fanout-warmup.progress); measuring anyway"
    fi
fi

# --- the runs ------------------------------------------------------------------------------------
read -r -a levels <<<"$LEVELS"
read -r -a kinds <<<"$KINDS"
step=0
for ((run = 1; run <= RUNS; run++)); do
    for c in "${levels[@]}"; do
        order=("${kinds[@]}")
        if ((step % 2 == 1)); then # alternate who goes first, from level to level and run to run
            order=()
            for ((i = ${#kinds[@]} - 1; i >= 0; i--)); do order+=("${kinds[i]}"); done
        fi
        step=$((step + 1))
        log "run $run/$RUNS, level $c: ${order[*]} (load $(cut -d' ' -f1 /proc/loadavg))"
        for kind in "${order[@]}"; do
            if [[ $kind == fanout ]]; then
                kill -0 "$SERVER_PID" 2>/dev/null || die "fanout-service is gone (see $OUT/fanout-server.log)"
                run_fanout "$run" "$c" || true
            else
                run_perftest "$run" "$c" || true
            fi
        done
    done
done

# --- summary ---------------------------------------------------------------------------------------
ELAPSED_S=$((($(now_ms) - BEGIN_MS) / 1000))
node - "$OUT" "$LEVELS" "$RUNS" "$ELAPSED_S" >"$OUT/fanout-summary.md" <<'EOF'
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const [out, levelList, runCount, elapsed] = process.argv.slice(2);
const levels = levelList.trim().split(/\s+/);
const runs = Array.from({ length: Number(runCount) }, (_, i) => i + 1);
const read = f => { try { return JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')); } catch { return null; } };
const machine = Object.fromEntries(fs.readFileSync(path.join(out, 'fanout-machine.txt'), 'utf8').trim().split('\n')
  .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const perftestOf = (r, c) => {
  const log = path.join(out, `perftest-r${r}-c${c}.log`);
  if (!fs.existsSync(log)) return null;
  try { return JSON.parse(execFileSync('node', [path.join(out, 'perftest-parse.js'), log, machine.warmup]).toString()); } catch { return null; }
};
// CPU per message (µs): the cores a process used over the measured phase / the messages confirmed per second in it.
const perMsg = (cores, rate) => cores == null || !rate ? null : cores * 1e6 / rate;
// One run at one level: both kinds' results, and the numbers the medians are taken of.
const row = (r, c) => {
  const f = read(`fanout-r${r}-c${c}.json`), p = perftestOf(r, c);
  const fc = read(`fanout-r${r}-c${c}.cpu`), pc = read(`perftest-r${r}-c${c}.cpu`);
  const fRate = f ? f.publishedPerSecond : null, pRate = p ? p.confirmedPerSecond : null;
  return {
    r, c, f, p, fc, pc, fRate, pRate,
    ratio: fRate != null && pRate ? fRate / pRate : null,
    fP99: f ? f.publishLatencyMicros.p99 : null,
    pP99: p && p.confirmLatencyMicros ? p.confirmLatencyMicros.p99 : null,
    fServiceUs: perMsg(fc?.service, fRate),
    fBrokerUs: perMsg(fc?.broker, fRate),
    pBrokerUs: perMsg(pc?.broker, pRate),
  };
};
const median = xs => {
  const v = xs.filter(x => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const num = (x, d = 0) => x == null ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = us => us == null ? 'n/a' : num(us / 1000, 1);
const ratioText = x => x == null ? 'n/a' : `×${x.toFixed(2)}`;
const rows = Object.fromEntries(levels.map(c => [c, runs.map(r => row(r, c))]));
const lines = [];
lines.push(`Machine: ${machine.cpus} CPUs (${machine.cpu}), ${machine.java}, RabbitMQ ${machine.rabbitmq} on ${machine.broker}, PerfTest ${machine.perftest}; `
  + `build ${machine.commit} (fanout-service jar of ${machine.fanoutJar}); fanout-service JVM options: ${machine.serverJavaOpts || 'defaults'}; `
  + `generators' JVM: ${machine.genJavaOpts}. Load average at start: ${machine.loadAtStart}.`);
lines.push('');
lines.push(`${runs.length} run(s) of the sweep of levels ${levels.join(', ')}; the two kinds alternate who goes first from one level to the next. `
  + `Each run: ${machine.warmup} s warmup + ${machine.duration} s measured, ${machine.size}-byte persistent messages, publisher confirms. `
  + `fanout-service (one process for all runs): \`rtc bench fanout\`, C HTTP POSTs in flight (each answered 202 after the broker's confirm), `
  + `${machine.tails} WebSocket tail client(s), archive checked afterwards. PerfTest: exchange \`${machine.exchange}\` (fanout), two durable queues, `
  + `one producer with \`--confirm C\` (at most C unconfirmed), two consumers acking each message; its rate is the mean of its per-second `
  + 'lines after the warmup, its latencies its own whole-run summary. CPU per message: the CPU a process used during the measured phase '
  + '(from /proc) divided by the messages confirmed in it (cores / confirmed per second); the broker '
  + `(${machine.brokerPids ? `beam.smp pid ${machine.brokerPids}` : 'not measured'}) per message fanout-service confirmed, and per message PerfTest confirmed.`);
lines.push('');
lines.push(`Median of the ${runs.length} run(s) per level (of an even count, the mean of the middle two); the ratio is the median of the runs' ratios.`);
lines.push('');
lines.push('| in flight (C) | runs | fanout-service confirmed/s | PerfTest confirmed/s | fanout-service / PerfTest | fanout publish p99 (ms) | PerfTest confirm p99 (ms) | fanout-service CPU/msg (µs) | broker CPU/msg, fanout-service (µs) | broker CPU/msg, PerfTest (µs) | fanout checks |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const c of levels) {
  const rs = rows[c], m = k => median(rs.map(x => x[k]));
  const fr = rs.filter(x => x.f).map(x => x.f);
  const sum = k => fr.reduce((a, f) => a + f[k], 0);
  const checks = fr.length ? `${fr.filter(f => f.passed).length}/${rs.length} pass: ${sum('lost')} lost, ${sum('duplicated')} dup, `
    + `${sum('unavailable')} × 503, ${sum('errors')} errors` : 'not run';
  const ran = Math.max(rs.filter(x => x.f).length, rs.filter(x => x.p).length);
  lines.push(`| ${c} | ${ran} | **${num(m('fRate'))}** | **${num(m('pRate'))}** | **${ratioText(m('ratio'))}** | `
    + `${ms(m('fP99'))} | ${ms(m('pP99'))} | ${num(m('fServiceUs'))} | ${num(m('fBrokerUs'))} | ${num(m('pBrokerUs'))} | ${checks} |`);
}
lines.push('');
lines.push('Every run:');
lines.push('');
lines.push('| C | run | fanout-service confirmed/s | PerfTest confirmed/s | fanout-service / PerfTest | fanout publish p50 / p99 / p99.9 (ms) | PerfTest confirm p50 / p95 / p99 (ms) | fanout tail p50 / p99 (ms) | PerfTest consumer p50 / p99 (ms) | fanout archive p50 / p99 (ms) | fanout-service CPU/msg (µs) | broker CPU/msg, fanout-service (µs) | broker CPU/msg, PerfTest (µs) | fanout checks |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const c of levels) {
  for (const x of rows[c]) {
    const { f, p } = x;
    const checks = f ? `${f.passed ? 'pass' : 'FAIL'}: ${f.lost} lost, ${f.duplicated} dup, ${f.unavailable} × 503, ${f.errors} errors`
      + (f.firstError ? ` — ${f.firstError}` : '') : 'not run';
    lines.push(`| ${c} | ${x.r} | ${num(x.fRate)} | ${num(x.pRate)} | ${ratioText(x.ratio)} | `
      + `${f ? `${ms(f.publishLatencyMicros.p50)} / ${ms(f.publishLatencyMicros.p99)} / ${ms(f.publishLatencyMicros.p999)}` : 'n/a'} | `
      + `${p && p.confirmLatencyMicros ? `${ms(p.confirmLatencyMicros.p50)} / ${ms(p.confirmLatencyMicros.p95)} / ${ms(p.confirmLatencyMicros.p99)}` : 'n/a'} | `
      + `${f ? `${ms(f.tailLatencyMicros.p50)} / ${ms(f.tailLatencyMicros.p99)}` : 'n/a'} | `
      + `${p && p.consumerLatencyMicros ? `${ms(p.consumerLatencyMicros.p50)} / ${ms(p.consumerLatencyMicros.p99)}` : 'n/a'} | `
      + `${f ? `${ms(f.archiveLatencyMicros.p50)} / ${ms(f.archiveLatencyMicros.p99)}` : 'n/a'} | `
      + `${num(x.fServiceUs)} | ${num(x.fBrokerUs)} | ${num(x.pBrokerUs)} | ${checks} |`);
  }
}
lines.push('');
lines.push('CPU during each measured phase, in cores (from /proc): the generator (rtc or PerfTest), fanout-service, the broker '
  + `and the whole machine (${machine.cpus} cores); other = machine minus those three.`);
lines.push('');
lines.push('| kind | C | run | generator | fanout-service | broker | machine | other | window (s) | PerfTest received/s | PerfTest nacked |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const cores = x => x == null ? 'n/a' : x.toFixed(2);
for (const c of levels) {
  for (const kind of ['fanout', 'perftest']) {
    for (const x of rows[c]) {
      const cpu = kind === 'fanout' ? x.fc : x.pc;
      const p = kind === 'perftest' ? x.p : null;
      if (!cpu && !(kind === 'fanout' ? x.f : p)) continue;
      const other = cpu ? Math.max(0, cpu.machine - cpu.generator - cpu.service - (cpu.broker || 0)) : null;
      lines.push(`| ${kind === 'fanout' ? 'fanout-service' : 'PerfTest'} | ${c} | ${x.r} | ${cores(cpu?.generator)} | ${cores(cpu?.service)} | `
        + `${cores(cpu?.broker)} | ${cores(cpu?.machine)} | ${cores(other)} | ${cpu ? cpu.windowSeconds.toFixed(1) : 'n/a'} | `
        + `${p ? num(p.receivedPerSecond) : ''} | ${p ? p.nacked : ''} |`);
    }
  }
}
lines.push('');
lines.push(`Total time: ${Math.floor(elapsed / 60)} min ${elapsed % 60} s.`);
console.log(lines.join('\n'));
EOF
cat "$OUT/fanout-summary.md"
