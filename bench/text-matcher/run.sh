#!/bin/sh
# One-command benchmark of the text engine (normalisation + Aho-Corasick matching), single thread.
# Usage: bench/text-matcher/run.sh [textMB=4] [runs=5]
set -e
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx2g -XX:+UseParallelGC -Dvetter.text.retainChars=16000000 -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.vetter.detection.text.TextMatcherBenchmark "$@"
