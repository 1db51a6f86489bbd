#!/usr/bin/env bash
# Builds the project, makes sure Redis and RabbitMQ are up, starts the whole stack (echo-service,
# two chat-service instances, fanout-service) and prints its URLs.
# Ctrl-C stops them all. Set SKIP_BUILD=1 to reuse the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package
fi
scripts/brokers.sh

mkdir -p target/run
pids=()
stopped=0
stop() {
  [ "$stopped" = 1 ] && return
  stopped=1
  echo
  echo "run: stopping services"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 0' INT TERM

start() { # name port [VAR=value ...]
  local name=$1 port=$2; shift 2
  env QUARKUS_HTTP_PORT="$port" "$@" java -jar "$name/target/quarkus-app/quarkus-run.jar" \
    >"target/run/$name-$port.log" 2>&1 &
  pids+=($!)
}

ready() { # port: true when GET /q/health/ready answers 200 (plain bash, no curl needed)
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 5 _ status _ <&3 || status=
  exec 3>&-
  [ "$status" = 200 ]
}

wait_ready() { # name port
  for _ in $(seq 1 120); do
    if ready "$2"; then return 0; fi
    sleep 0.5
  done
  echo "run: $1 on port $2 did not become ready; see target/run/$1-$2.log" >&2
  return 1
}

# Two chat-service instances sharing Redis show the backplane: a room spans both. They share the
# token-signing secret, so a client may negotiate on one and connect to the other.
secret=${CHAT_TOKEN_SECRET:-run-sh-$RANDOM$RANDOM}
admin=${ADMIN_TOKEN:-change-me}
start echo-service 8080
start chat-service 8081 CHAT_TOKEN_SECRET="$secret" ADMIN_TOKEN="$admin"
start chat-service 8083 CHAT_TOKEN_SECRET="$secret" ADMIN_TOKEN="$admin"
# fanout-service keeps its archive in data/archive (FANOUT_ARCHIVE_DIR) and one named subscription,
# logs.audit, for an outside consumer to read.
start fanout-service 8082 ADMIN_TOKEN="$admin" FANOUT_ARCHIVE_DIR="${FANOUT_ARCHIVE_DIR:-data/archive}" \
  FANOUT_SUBSCRIPTIONS="${FANOUT_SUBSCRIPTIONS:-audit}"
wait_ready echo-service 8080
wait_ready chat-service 8081
wait_ready chat-service 8083
wait_ready fanout-service 8082

cat <<TXT

Services are up (logs in target/run/):
  echo-service  ws://localhost:8080/  and  ws://localhost:8080/echo
                health http://localhost:8080/q/health  metrics http://localhost:8080/q/metrics
  chat-service  http://localhost:8081/  and  http://localhost:8083/  (two instances, one hub through Redis)
                SignalR hub /chatHub, admin API /api/rooms (Authorization: Bearer $admin)
  fanout-service  POST http://localhost:8082/api/logs, live tail ws://localhost:8082/logs/stream,
                archive GET http://localhost:8082/api/logs?limit=20 (files in data/archive),
                GET /api/subscriptions (Authorization: Bearer $admin)
  Every service publishes its events (connections, joins, messages) to the RabbitMQ exchange logs.
Try:  java -jar cli/target/quarkus-app/quarkus-run.jar echo
      java -jar cli/target/quarkus-app/quarkus-run.jar chat --room General --user alice
      java -jar cli/target/quarkus-app/quarkus-run.jar chat --room General --user bob --url http://localhost:8083/chatHub
      java -jar cli/target/quarkus-app/quarkus-run.jar subscribe
      java -jar cli/target/quarkus-app/quarkus-run.jar publish "hello, logs"
Press Ctrl-C to stop.
TXT
wait
