#!/bin/sh
# Video and audio benchmark: frame extraction of a generated 60 s 720p H.264 video at interval 1,
# audio decode, and Vosk speech recognition (real-time factor) on a ~60 s speech track. Prints a markdown table.
# Usage (from the repository root): bench/media/run.sh
set -e
cd "$(dirname "$0")/../.."
exec mvn -q -B test -Dtest=MediaBenchmark -Dsurefire.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false "$@"
