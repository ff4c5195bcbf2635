#!/bin/sh
# One command: quality of the default text policy on the labelled sets (see README.md).
# Usage: bench/text-quality/run.sh        (needs bench/text-quality/data/, made by fetch.sh + prepare.py)
#        bench/text-quality/run.sh --pick cold-dev 0.04   (classifier threshold on a dev set, see README.md)
#        bench/text-quality/run.sh --terms cold-dev clean (which findings flag a dev set's clean posts)
#        bench/text-quality/run.sh --flagged olid-dev clean (each flagged clean post of a dev set, with its findings)
set -e
cd "$(dirname "$0")/../.."
if [ ! -d bench/text-quality/data ]; then
  [ -d bench/text-quality/raw ] || bench/text-quality/fetch.sh
  python3 bench/text-quality/prepare.py
fi
mvn -q -B -o -Dspring-javaformat.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.vetter.moderation.TextQualityBench bench/text-quality/data "$@"
