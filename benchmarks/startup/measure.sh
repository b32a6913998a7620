#!/usr/bin/env bash
# Cold start of the built distribution: fresh unpack (empty data/), `bin/start`, time to the
# first 200 from GET /api/v1/health, then heap used and RSS. Runs each mode RUNS times.
#   benchmarks/startup/measure.sh            # after `mvn -B install -DskipTests`
# Modes: "external" uses a fresh database on the PostgreSQL at 127.0.0.1:5432 (trust auth);
# "embedded" lets the platform start its own PostgreSQL (first start: extract + initdb).
set -euo pipefail
cd "$(dirname "$0")/../.."
ZIP=$(ls distribution/target/distribution-*.zip)
RUNS=${RUNS:-3}
PORT=8181
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

one_run() {
    local mode=$1 dir="$work/run-$1-$2"
    mkdir -p "$dir" && unzip -q "$ZIP" -d "$dir"
    local home; home=$(ls -d "$dir"/*/)
    if [ "$mode" = external ]; then
        psql -h 127.0.0.1 -U postgres -qc "drop database if exists hashgrid_startup" -c "create database hashgrid_startup" >/dev/null
        printf 'osgi.jdbc.driver.name=PostgreSQL JDBC Driver\nurl=jdbc:postgresql://127.0.0.1:5432/hashgrid_startup\nuser=postgres\npassword=\ndataSourceName=hashgrid\npool=hikari\nxa=false\n' \
            > "$home/etc/org.ops4j.datasource-hashgrid.cfg"
    fi
    local start end status pid
    start=$(date +%s%N)
    "$home/bin/start"
    status=000
    for _ in $(seq 1 1200); do
        status=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/api/v1/health" || true)
        [ "$status" = 200 ] && break
        sleep 0.05
    done
    end=$(date +%s%N)
    sleep 2
    pid=$(pgrep -f "karaf.base=${home%/}" | head -1)
    local heap rss
    heap=$(jcmd "$pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
    rss=$(ps -o rss= -p "$pid")
    printf '%-9s first 200 after %5d ms   heap used %4d MiB   RSS %4d MiB   (status %s)\n' \
        "$mode" $(( (end - start) / 1000000 )) $(( heap / 1024 )) $(( rss / 1024 )) "$status"
    "$home/bin/stop" 2>/dev/null
    # wait for Karaf and, in embedded mode, its PostgreSQL to be gone before the next run
    for _ in $(seq 1 150); do pgrep -f "${home%/}" >/dev/null || break; sleep 0.2; done
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "distribution: $(du -m "$ZIP" | cut -f1) MiB zip"
for mode in external embedded; do
    for run in $(seq 1 "$RUNS"); do one_run "$mode" "$run"; done
done
psql -h 127.0.0.1 -U postgres -qc "drop database if exists hashgrid_startup" >/dev/null
