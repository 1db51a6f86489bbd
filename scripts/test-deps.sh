#!/usr/bin/env bash
# Installs what the test suite drives besides Java and Maven: clients nobody here wrote.
#  - python3-websockets (echo-service ITs)
#  - chromium, and the Node clients of chat-service's ITs (@microsoft/signalr, playwright-core)
#    from chat-service/src/test/node/package-lock.json.
#  - nginx-light: chat-service's ITs put a private nginx (round robin, no sticky sessions) in front of
#    its instances, started as the current user on ports of its own (io.rtc.chat.support.Nginx).
#  - amqp-tools (amqp-publish) and Node's amqplib (fanout-service/src/test/node/package-lock.json)
#    for fanout-service's AMQP interoperation ITs.
#  - kubectl for the deploy checks (k8s/): `kubectl kustomize` renders the overlays. Any kubectl on
#    the PATH will do; where there is none, Debian's kubernetes-client (kubectl 1.20, kustomize v2.0.3,
#    which the manifests are written for as well as for current ones).
# Idempotent and quiet: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in python3-websockets chromium nginx-light amqp-tools; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-deps: installing ${missing[*]}"
  apt_log=$(mktemp)
  if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2; rm -f "$apt_log"; echo "test-deps: apt-get failed" >&2; exit 1
  fi
  rm -f "$apt_log"
fi
/usr/bin/python3 -c 'import websockets' || { echo "test-deps: python3-websockets does not import" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "test-deps: /usr/bin/chromium is missing" >&2; exit 1; }
[ -x /usr/sbin/nginx ] || { echo "test-deps: /usr/sbin/nginx (nginx-light) is missing" >&2; exit 1; }
command -v kubectl >/dev/null 2>&1 || { echo "test-deps: kubectl is missing (kubernetes-client)" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || { echo "test-deps: npm (Node 20 or later) is needed for chat-service's ITs" >&2; exit 1; }
[ -x /usr/bin/amqp-publish ] || { echo "test-deps: /usr/bin/amqp-publish (amqp-tools) is missing" >&2; exit 1; }
for node_dir in chat-service/src/test/node fanout-service/src/test/node; do
  # npm ci when node_modules is missing or older than the lockfile (npm ci replaces it whole).
  if [ ! -d "$node_dir/node_modules" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]; then
    echo "test-deps: npm ci in $node_dir"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    touch "$node_dir/node_modules"
  fi
done
