#!/usr/bin/env bash
# Person search over generated persons through the HTTP API with 8 concurrent clients, beside a plain
# pg_trgm ILIKE over the same names in the same run. Usage: bench/search.sh [persons] [requests-per-kind]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench.classpath
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test 2>/dev/null \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -Xms2g -Xmx2g -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  org.fengqiao.bench.SearchBenchmark "$@"
