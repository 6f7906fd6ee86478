#!/usr/bin/env bash
# Import of generated persons from one CSV through the HTTP job API, beside a plain PostgreSQL COPY of the
# same file into a bare table in the same run. Usage: bench/import.sh [persons] [rounds] [again]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=target/bench.classpath
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test 2>/dev/null \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  org.fengqiao.bench.ImportBenchmark "$@"
