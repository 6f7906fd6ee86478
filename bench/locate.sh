#!/usr/bin/env bash
# Point-to-grid lookups per second over 10,000 generated grids: the production spatial index against
# a bounding-box scan and a brute-force scan, in one run. Usage: bench/locate.sh [seconds-per-measurement]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench.classpath
# offline first (the usual case once ./test or ./run has fetched the dependencies), online otherwise
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test 2>/dev/null \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -Xms512m -Xmx512m -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  org.fengqiao.bench.LocateBenchmark "$@"
