#!/usr/bin/env bash
# Indicator backfill over 100,000 market snapshots on the test PostgreSQL (tools/test-support:
# HASHGRID_TEST_DB_URL, else 127.0.0.1:5432, else a server of its own): the analytics bundle's
# recomputation (read, compute, binary COPY, one transaction) against naive per-row INSERTs of the
# same rows, and the cost of one new point. See benchmarks/README.md.
#   benchmarks/analytics-backfill/run.sh [--snapshots N] [--runs N] [--baseline-snapshots N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn_lock=/tmp/hashgrid-mvn.lock
out=benchmarks/analytics-backfill/target
mkdir -p "$out/classes"
# packaged in the reactor (no install): the classpath points at each module's target/classes
flock "$mvn_lock" mvn -q -o -pl bundles/analytics -am package dependency:build-classpath -DskipTests \
    -Dhashgrid.baseline.failOnMissing=false -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
cp="bundles/analytics/target/classes:$(cat bundles/analytics/target/benchmark.classpath)"
javac -d "$out/classes" -cp "$cp" benchmarks/analytics-backfill/src/main/java/org/hashgrid/analytics/internal/*.java
# measured under the build lock too, so that no build of this checkout competes for the 2 cores
exec flock "$mvn_lock" java -Xmx1g -cp "$out/classes:$cp" org.hashgrid.analytics.internal.BackfillBenchmark "$@"
