#!/usr/bin/env bash
# The cost of signed-in connections: one chat-service instance (auth optional, an HS256 secret set),
# and `rtc bench chat` connecting BENCH_ROOMS x BENCH_MEMBERS clients (negotiate, WebSocket upgrade,
# handshake, JoinRoom; then one sender a room at 0.5 messages/s for 2 s), anonymously or each with its
# own JWT (--hmac-secret), in alternating order, BENCH_ROUNDS rounds each after BENCH_WARMUPS unmeasured
# runs of each (the server's JIT is still at work through the first few). Small rooms, so that the join notices (each goes to every member already there) stay a small
# part of the cost. Per run: clients connected per second (the generator's connectRate) and
# the server's CPU (utime+stime from /proc around the run) per connection. Prints every run and the
# medians; raw JSON in target/bench/connect-*.json.
#
#   scripts/bench-connect.sh
#
# The jars must be built (mvn -B -DskipTests package -pl chat-service,cli -am). Uses the shared Redis
# (its room keys of this run are left to expire with presence) and no RabbitMQ events.
# Environment: BENCH_ROUNDS [5] BENCH_WARMUPS [4] BENCH_ROOMS [400] BENCH_MEMBERS [5] CHAT_PORT [28281]
#   GEN_THREADS [2] GEN_JAVA_OPTS [-XX:+UseSerialGC] SERVER_JAVA_OPTS []
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BENCH_NAME=bench-connect
. scripts/lib/bench-common.sh

ROUNDS=${BENCH_ROUNDS:-5}
WARMUPS=${BENCH_WARMUPS:-4}
ROOMS=${BENCH_ROOMS:-400}
MEMBERS=${BENCH_MEMBERS:-5}
PORT=${CHAT_PORT:-28281}
GEN_THREADS=${GEN_THREADS:-2}
read -r -a GEN_OPTS <<< "${GEN_JAVA_OPTS:--XX:+UseSerialGC}"
read -r -a SERVER_OPTS <<< "${SERVER_JAVA_OPTS:-}"
OUT=$ROOT/target/bench
mkdir -p "$OUT"
CHAT_JAR=chat-service/target/quarkus-app/quarkus-run.jar
CLI_JAR=cli/target/quarkus-app/quarkus-run.jar
[[ -f $CHAT_JAR && -f $CLI_JAR ]] || die "build first: mvn -B -DskipTests package -pl chat-service,cli -am"
! port_open "$PORT" || die "port $PORT is in use (CHAT_PORT)"
SECRET=bench-connect-$RANDOM$RANDOM-0123456789abcdef0123456789

QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE=2 \
    CHAT_AUTH_HMAC_SECRET=$SECRET CHAT_EVENTS_ENABLED=false CHAT_LIMITS_CONNECT_RATE=0 \
    CHAT_LIMITS_CONNECTIONS_PER_ADDRESS=0 CHAT_TOKEN_SECRET=$SECRET \
    java "${SERVER_OPTS[@]}" -jar "$CHAT_JAR" >"$OUT/connect-server.log" 2>&1 &
SERVER=$!
STARTED+=("$SERVER")
wait_until 60 "$SERVER" port_open "$PORT" || die "chat-service did not start (see $OUT/connect-server.log)"
sleep 2

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)

run() { # run MODE ROUND
    local mode=$1 round=$2 auth=() before after json=$OUT/connect-$1-$2.json
    [[ $mode == signed-in ]] && auth=(--hmac-secret "$SECRET")
    before=$(cpu_ticks "$SERVER")
    java "${GEN_OPTS[@]}" -jar "$CLI_JAR" bench chat --json --quiet --url "http://127.0.0.1:$PORT/chatHub" \
        --threads "$GEN_THREADS" --rooms "$ROOMS" --members "$MEMBERS" --senders 1 --rate 0.5 \
        --duration 2 --warmup 0 --drain 2 --room-prefix "connect-$mode-$round-$RANDOM" "${auth[@]}" >"$json"
    after=$(cpu_ticks "$SERVER")
    local clients=$((ROOMS * MEMBERS))
    local rate cpu_ms
    rate=$(grep -o '"connectRate":[0-9.eE+-]*' "$json" | cut -d: -f2)
    cpu_ms=$(( (after - before) * 1000 / TICK ))
    printf '%s %s %.0f %d %.1f\n' "$mode" "$round" "$rate" "$cpu_ms" "$(echo "$cpu_ms * 1000 / $clients" | bc -l)" >>"$OUT/connect-runs.txt"
    log "$mode round $round: $(printf '%.0f' "$rate") connects/s, server CPU $cpu_ms ms ($((cpu_ms * 1000 / clients)) us a connection)"
}

: >"$OUT/connect-runs.txt"
for ((w = 0; w < WARMUPS; w++)); do # warm-up of server and generator (the JIT), not counted
    run anonymous 0
    run signed-in 0
done
sed -i '/ 0 /d' "$OUT/connect-runs.txt"
for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2)); then run anonymous "$r"; run signed-in "$r"; else run signed-in "$r"; run anonymous "$r"; fi
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo
echo "| mode | run | connects/s | server CPU (ms) | server CPU per connection (us) |"
echo "|---|---:|---:|---:|---:|"
sort -k1,1 -k2,2n "$OUT/connect-runs.txt" | awk '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}'
for mode in anonymous signed-in; do
    echo "| $mode | median | $(awk -v m=$mode '$1==m {print $3}' "$OUT/connect-runs.txt" | median) | | $(awk -v m=$mode '$1==m {print $5}' "$OUT/connect-runs.txt" | median) |"
done
