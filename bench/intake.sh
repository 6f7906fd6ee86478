#!/usr/bin/env bash
# Intake through the full HTTP path (the 110 push with the demo key, a staff report with a bearer token) with
# 50 concurrent kept-alive clients for a fixed time after a warm-up, beside /actuator/health of the same
# application in the same run, on its own embedded PostgreSQL with the demo district. Prints reports/s,
# p50/p99, CPU per request (application, database, clients), the ratios, the costliest statements, and the
# floor under any filing: JDBC commits of a plain row and of an audit entry (paths commit, audit).
# Usage: bench/intake.sh [--clients N] [--seconds S] [--warmup S] [--paths 110,staff,commit,audit] [--jfr FILE] [--data DIR]
#                        [--window apart|shared]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench.classpath
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test 2>/dev/null \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
# the application and its clients share one JVM (as in search.sh); a large young generation keeps young
# collections rare (each pauses every request in flight)
exec java -Xms2g -Xmx2g -Xmn1200m -XX:+UseParallelGC -Xlog:gc:file=target/intake-bench-gc.log ${BENCH_JAVA_OPTS:-} \
  -cp "target/classes:target/test-classes:$(cat "$cp_file")" org.fengqiao.bench.IntakeBenchmark "$@"
