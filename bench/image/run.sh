#!/bin/sh
# Image moderation benchmark (docs/benchmarks.md, "Image scan end to end"): a real Vetter (Spring Boot test context,
# embedded PostgreSQL) scanning generated 1-megapixel JPEGs served by a local HTTP server through signed sync
# /green/image/scan calls (porn + ad + qrcode), with a paced text-scan load alone and alongside; then the
# per-detector tables of ImageBenchmark#pdq and ImageModelsBenchmark (wall time per model, thread CPU per
# detector on the end-to-end frames, OCR per frame and on busy frames). Prints markdown tables; about 3 minutes.
# Knobs: -Dbench.concurrency=3 -Dbench.warmup=20 -Dbench.imageSeconds=60 -Dbench.textRate=20 (image scan),
#        -Dbench.seconds=10 (PDQ), -Dbench.nsfw=100 -Dbench.ocr=10 -Dbench.frames=24 (models). Usage: bench/image/run.sh [-Dknob=value ...]
set -e
cd "$(dirname "$0")/../.."
exec mvn -q -B test -Dtest='MediaScanBenchmark#image,ImageBenchmark#pdq,ImageModelsBenchmark' \
	-Dsurefire.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
	-Dbench.seconds=10 -Dbench.nsfw=100 -Dbench.ocr=10 "$@"
