#!/usr/bin/env bash
# Makes sure Redis (127.0.0.1:6379) and RabbitMQ (127.0.0.1:5672) are installed and running.
# Installs them from Debian's packages when missing (needs root or sudo); starts whichever is down.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "brokers: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
rabbit_up() { timeout 20 rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1; }

apt_install redis-server rabbitmq-server

if redis_up; then
  echo "brokers: Redis is up on 127.0.0.1:6379"
else
  echo "brokers: starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do redis_up && break; sleep 0.2; done
  redis_up || { echo "brokers: Redis did not start" >&2; exit 1; }
fi

if rabbit_up; then
  echo "brokers: RabbitMQ is up on 127.0.0.1:5672"
else
  echo "brokers: starting RabbitMQ"
  as_root rabbitmq-server -detached || true
  as_root timeout 120 rabbitmqctl await_startup >/dev/null
  rabbit_up || { echo "brokers: RabbitMQ did not start" >&2; exit 1; }
  echo "brokers: RabbitMQ is up on 127.0.0.1:5672"
fi
