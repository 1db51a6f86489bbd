#!/usr/bin/env bash
# The whole test suite: unit and @QuarkusTest tests, then the same tests against the packaged jars.
# Sets up what it needs first (brokers, test clients). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/brokers.sh
scripts/test-deps.sh
mvn -B verify -Pit "$@"
