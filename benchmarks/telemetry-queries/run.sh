#!/usr/bin/env bash
# Telemetry query latency on 45 M readings (10,000 miners x 48 a day x 90 days) of the test PostgreSQL
# (tools/test-support: HASHGRID_TEST_DB_URL, else 127.0.0.1:5432). See benchmarks/README.md.
#   benchmarks/telemetry-queries/run.sh [--miners N] [--days N] [--per-day N] [--runs N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn_lock=/tmp/hashgrid-mvn.lock
flock "$mvn_lock" mvn -q -o -pl bundles/telemetry -am install -DskipTests
flock "$mvn_lock" mvn -q -o -f benchmarks/telemetry-queries/pom.xml package
# measured under the build lock too, so that no build of this checkout competes for the 2 cores
exec flock "$mvn_lock" java -Xmx2g -jar benchmarks/telemetry-queries/target/telemetry-queries-benchmark.jar "$@"
