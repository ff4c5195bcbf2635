#!/bin/sh
# Callback delivery benchmark: deliveries/s to a local receiver and enqueue-to-arrival delay (p50/p99),
# steady load, a burst, and the drain after a receiver outage. Prints a markdown table.
# Usage (from the repository root): bench/callbacks/run.sh
set -e
cd "$(dirname "$0")/../.."
exec mvn -q -B test -Dtest=CallbacksBenchmark -Dsurefire.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false "$@"
