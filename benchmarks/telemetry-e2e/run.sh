#!/usr/bin/env bash
# The telemetry pipeline end to end: simulated miners (a separate process, one loopback address each)
# → CGMiner driver → poller → buffer → ingest (binary COPY) → miner_telemetry and the latest states on
# the test PostgreSQL (tools/test-support: HASHGRID_TEST_DB_URL, else 127.0.0.1:5432). See benchmarks/README.md.
#   benchmarks/telemetry-e2e/run.sh [--miners N] [--interval-seconds S] [--minutes M]   # 10000, 15, 10
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn_lock=/tmp/hashgrid-mvn.lock
flock "$mvn_lock" mvn -q -o -pl bundles/telemetry,bundles/miner-driver-cgminer,tools/miner-simulator,tools/test-support -am install -DskipTests
flock "$mvn_lock" mvn -q -o -f benchmarks/telemetry-e2e/pom.xml package
# the simulator listens on one socket per miner, and the driver holds up to 2048 connections
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# hold the build lock while measuring, so that no build of the shared machine runs meanwhile;
# -Xmx1g: the heap the distribution gives Karaf (JAVA_MAX_MEM)
exec flock "$mvn_lock" java -Xmx1g -jar benchmarks/telemetry-e2e/target/telemetry-e2e-benchmark.jar \
    --simulator-jar tools/miner-simulator/target/miner-simulator.jar "$@"
