#!/usr/bin/env bash
# Telemetry ingest throughput on the test PostgreSQL (tools/test-support: HASHGRID_TEST_DB_URL,
# else 127.0.0.1:5432, else a server of its own): the project's COPY path against JPA batched
# persist and psql \copy of the same rows, with and without the foreign key. See benchmarks/README.md.
#   benchmarks/telemetry-ingest/run.sh [--rows N] [--jpa-rows N] [--miners N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn_lock=/tmp/hashgrid-mvn.lock
flock "$mvn_lock" mvn -q -o -pl bundles/telemetry -am install -DskipTests
flock "$mvn_lock" mvn -q -o -f benchmarks/telemetry-ingest/pom.xml package
# measured under the build lock too, so that no build of this checkout competes for the 2 cores
exec flock "$mvn_lock" java -Xmx2g -jar benchmarks/telemetry-ingest/target/telemetry-ingest-benchmark.jar "$@"
