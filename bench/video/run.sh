#!/bin/sh
# Video and audio end to end (docs/benchmarks.md, "Video and audio end to end"): a real Vetter (Spring Boot test
# context, embedded PostgreSQL, job worker on) given a generated 60 s 720p H.264 video with speech through
# /green/video/asyncscan (interval 1, porn + ad + qrcode, audioScenes antispam) and the same speech as a WAV through
# /green/voice/asyncscan, polled to completion; then the video again while paced sync text and image scans run.
# Prints a markdown table; about 3-5 minutes. Knobs: -Dbench.shot=5 (seconds per picture), -Dbench.textRate=20,
# -Dbench.imageRate=1. The detection-layer split (decode vs Vosk, one recogniser vs segments) is bench/media/run.sh.
set -e
cd "$(dirname "$0")/../.."
exec mvn -q -B test -Dtest='MediaScanBenchmark#video' \
	-Dsurefire.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false "$@"
