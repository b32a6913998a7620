#!/usr/bin/env bash
# Polls 10,000 simulated miners once with the CGMiner driver (JVM at -Xmx256m) and with a blocking
# thread-pool baseline; the simulator runs as a separate process. See benchmarks/README.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn_lock=/tmp/hashgrid-mvn.lock
flock "$mvn_lock" mvn -q -o -pl bundles/miner-driver-api,bundles/miner-driver-cgminer,tools/miner-simulator -am install -DskipTests
flock "$mvn_lock" mvn -q -o -f benchmarks/driver-poll/pom.xml package
# 10,000 listeners plus the open connections need more descriptors than the usual 1024
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# hold the build lock while measuring, so that no build of the shared machine runs meanwhile
exec flock "$mvn_lock" java -Xmx256m -jar benchmarks/driver-poll/target/driver-poll.jar \
    --simulator-jar tools/miner-simulator/target/miner-simulator.jar "$@"
