#!/usr/bin/env bash
# Runs the JMH benchmarks in app/src/test/java/io/marquee/benchmarks; arguments go to JMH
# (e.g. `bench/jmh.sh VaultBenchmark`, `bench/jmh.sh -l` to list).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl app test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
exec java -cp "app/target/test-classes:app/target/classes:$(cat app/target/test-classpath.txt)" \
  org.openjdk.jmh.Main "$@"
