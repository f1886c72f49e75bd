#!/usr/bin/env bash
# Reruns the whole benchmark set of BENCHMARKS.md: builds core, the transports and the benchmarks (no tests,
# no javadoc), then runs the suite in the package phase, so that the footprint is measured on the real jars.
# Raw results go to benchmarks/target/benchmark-results/, and the tables replace the generated block of
# BENCHMARKS.md. About 20 minutes on 2 cores with the three transports, plus 1–2 for the warm-up part and about 5
# for the code before issue 14 measured beside this tree's (codecs, cold start, warm-up, size, shrink), plus about 3
# the first time, to build that code (see BENCHMARKS.md, "Before and after"). Needs a JDK 17+ (with jmods, for
# ProGuard), curl, Linux (/proc), git and this clone's history, and nothing on the network but loopback.
#
#   benchmarks/run.sh          # the full set
#   benchmarks/run.sh smoke    # everything once, tiny iterations, 64 MiB transfers: checks the suite works
#   benchmarks/run.sh full codecs streaming   # some of the parts only (overhead codecs streaming coldstart
#                                             # footprint warmup shrink); writes tables.md but leaves BENCHMARKS.md alone
#   CONVAI4J_BASELINE=<commit> benchmarks/run.sh   # "before" is another commit than 7ea44c3 (none: this tree only)
set -euo pipefail
cd "$(dirname "$0")/.."
args="${*:-full}"

command -v curl >/dev/null || { echo "benchmark 3 compares against curl: install it (apt-get install curl)" >&2; exit 1; }
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 1.0) }'; then
  echo "warning: load average is $load; other work on this machine will show in the numbers" >&2
fi

start=$(date +%s)
./mvnw -B -q -pl benchmarks -am -Pbenchmarks -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -Dbenchmarks.args="$args" -Dbenchmarks.started="$start" -Dbenchmarks.baseline="${CONVAI4J_BASELINE:-7ea44c3}" package
echo "benchmarks/run.sh $args took $(( $(date +%s) - start )) s"
