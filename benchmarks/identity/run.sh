#!/usr/bin/env bash
# Token check and login latency of the identity services on the test PostgreSQL (see
# tools/test-support: HASHGRID_TEST_DB_URL, else 127.0.0.1:5432). See benchmarks/README.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn_lock=/tmp/hashgrid-mvn.lock
flock "$mvn_lock" mvn -q -o -pl bundles/core,bundles/api,bundles/model,bundles/embedded-db,tools/test-support,bundles/identity install -DskipTests
flock "$mvn_lock" mvn -q -o -f benchmarks/identity/pom.xml package
# measured under the build lock too, so that no build of this checkout competes for the 2 cores
exec flock "$mvn_lock" java -Xmx512m -jar benchmarks/identity/target/identity-benchmark.jar "$@"
