#!/usr/bin/env bash
# Polls and commands 10,000 simulated miners with Hashgrid's miner drivers (JVM at -Xmx256m) against
# the CGMiner driver alone and a blocking thread-per-call baseline; the simulator runs as separate
# processes. See benchmarks/README.md.
#   benchmarks/driver-poll/run.sh [--miners N] [--scenarios joining,delay,s19,all,mixed,stop]
#                                 [--dialects antminer,whatsminer-v2,whatsminer-v3,luxos,braiins,cgminer]
#   COMMON_POOL_PARALLELISM=default benchmarks/driver-poll/run.sh …   # the JVM's own common pool size
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn_lock=/tmp/hashgrid-mvn.lock
out=benchmarks/driver-poll/target
modules=bundles/miner-driver-antminer,bundles/miner-driver-whatsminer,bundles/miner-driver-luxos,bundles/miner-driver-braiins
mkdir -p "$out/classes"
# packaged in the reactor (no install): the classpath points at each module's build output
flock "$mvn_lock" mvn -q -o -pl "$modules,tools/miner-simulator" -am package dependency:build-classpath -DskipTests \
    -Dhashgrid.baseline.failOnMissing=false -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
cp=""
for module in ${modules//,/ }; do
    cp="$cp:$module/target/classes:$(cat "$module/target/benchmark.classpath")"
done
cp="${cp#:}"
javac -d "$out/classes" -cp "$cp" benchmarks/driver-poll/src/main/java/org/hashgrid/benchmarks/driverpoll/*.java
cp -r benchmarks/driver-poll/src/main/resources/. "$out/classes/"
# the driver JVM holds up to a few thousand connections; each simulator process a listener per port
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# two common-pool workers, as the distribution's bin/setenv: on 2 cores the pool has one, and
# CompletableFuture's async stages (the JDK HTTP client's) then start a thread per task
parallelism=${COMMON_POOL_PARALLELISM:-2}
jvm_options=(-Xmx256m)
if [ "$parallelism" != default ]; then
    jvm_options+=("-Djava.util.concurrent.ForkJoinPool.common.parallelism=$parallelism")
fi
# hold the build lock while measuring, so that no build of the shared machine runs meanwhile
exec flock "$mvn_lock" java "${jvm_options[@]}" ${DRIVER_POLL_JAVA_OPTS:-} -cp "$out/classes:$cp" \
    org.hashgrid.benchmarks.driverpoll.DriverPollBenchmark \
    --simulator-jar tools/miner-simulator/target/miner-simulator.jar "$@"
