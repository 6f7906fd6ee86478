#!/usr/bin/env bash
# Person search over a generated county of 1,000,000 persons through the HTTP API with 8 concurrent clients,
# beside a plain pg_trgm ILIKE over the same persons in the same run. Prints a summary table.
# Usage: bench/search.sh [--persons N] [--requests N] [--baseline-requests N] [--clients N] [--kinds name,initials,id_last6]
#                        [--users bureau,chief] [--data DIR] [--open-only] [--no-baseline]
# --load-only loads (or checks) the data and stops. --data DIR keeps the database in DIR; the next run with the same --persons reuses it (no load).
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench.classpath
# offline first (the usual case once ./test or ./run has fetched the dependencies), online otherwise
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test 2>/dev/null \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
# the application and its clients share one JVM; a 2 GB young generation keeps young collections to
# about one every ten seconds of load (they pause every request in flight)
exec java -Xms3g -Xmx3g -Xmn2g -XX:+UseParallelGC -Xlog:gc:file=target/search-bench-gc.log ${BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  org.fengqiao.bench.SearchBenchmark "$@"
