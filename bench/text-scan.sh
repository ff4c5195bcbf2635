#!/usr/bin/env bash
# End-to-end load benchmark of signed POST /green/text/scan against the framework floor (a trivial GET of the
# same app), with wrk on the same machine. See docs/benchmarks.md.
#
#   bash bench/text-scan.sh                       # the issue's configuration: 60 s warm-up, 2 x 30 s runs
#   WARMUP=5 DURATION=5 TERMS=100 bash bench/text-scan.sh   # quick harness check (numbers meaningless)
#
# Knobs (environment): WARMUP DURATION RUNS FLOOR_WARMUP CONNECTIONS THREADS TERMS TEXTS TEXT_LENGTH HIT_PERCENT
# SEED PORT FLOOR_PATH JAVA_OPTS JAR REBUILD WRK_TIMEOUT STARTUP_TIMEOUT KEEP_TMP PREFLIGHT. All traffic goes to 127.0.0.1.
set -euo pipefail

WARMUP=${WARMUP:-60}                # s of scan load before measuring (the issue demands >= 60)
DURATION=${DURATION:-30}            # s per measurement (each run: one scan and one floor measurement)
RUNS=${RUNS:-2}                     # measurement pairs, alternating scan / floor; the median is reported
FLOOR_WARMUP=${FLOOR_WARMUP:-10}    # s of floor load after the scan warm-up
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}               # wrk threads (they share the machine's cores with the server)
TERMS=${TERMS:-10000}               # custom library size
TEXTS=${TEXTS:-1000}                # distinct request bodies
TEXT_LENGTH=${TEXT_LENGTH:-200}     # characters per text
HIT_PERCENT=${HIT_PERCENT:-10}      # share of texts that contain one library term
SEED=${SEED:-20240601}
PORT=${PORT:-}                      # empty: first free port from 18080
FLOOR_PATH=${FLOOR_PATH:-/ping}
JAVA_OPTS=${JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC}
JAR=${JAR:-}
REBUILD=${REBUILD:-auto}            # auto: build when the jar is missing or older than src/ or pom.xml; yes; no
WRK_TIMEOUT=${WRK_TIMEOUT:-5s}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-240}
KEEP_TMP=${KEEP_TMP:-0}
PREFLIGHT=${PREFLIGHT:-2}          # s of the one-connection preflight

AK=benchAk
SECRET=benchSecret
HOST=127.0.0.1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

TMP=""
APP_PID=""
WRK_PID=""
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [[ -n "$WRK_PID" ]]; then
		kill -TERM "$WRK_PID" 2>/dev/null || true
		wait "$WRK_PID" 2>/dev/null || true
	fi
	if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
		log "stopping the app (pid $APP_PID)"
		kill -TERM "$APP_PID" 2>/dev/null || true
		# the data is throw-away: give a graceful shutdown 10 s, then kill
		for _ in $(seq 1 20); do
			kill -0 "$APP_PID" 2>/dev/null || break
			sleep 0.5
		done
		if kill -0 "$APP_PID" 2>/dev/null; then
			log "the app did not stop in 10 s; killing it"
			kill -KILL "$APP_PID" 2>/dev/null || true
		fi
		wait "$APP_PID" 2>/dev/null || true
	fi
	if [[ -n "$TMP" && -d "$TMP" ]]; then
		# an embedded PostgreSQL orphaned by a killed JVM: only processes running on this run's own data dir
		local orphans
		orphans=$(pgrep -f -- "$TMP/pgdata" || true)
		if [[ -n "$orphans" ]]; then
			log "stopping leftover embedded PostgreSQL processes: $(echo $orphans)"
			kill -TERM $orphans 2>/dev/null || true
			sleep 2
			kill -KILL $orphans 2>/dev/null || true
		fi
		if [[ $rc -ne 0 && -f "$TMP/app.log" ]]; then
			log "last lines of the app log:"
			tail -n 30 "$TMP/app.log" >&2 || true
		fi
		if [[ "$KEEP_TMP" == 1 ]]; then
			log "kept $TMP"
		else
			rm -rf "$TMP"
		fi
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------------------------------------ tools
for tool in java curl awk sed pgrep; do
	command -v "$tool" >/dev/null || die "$tool is required"
done
if ! command -v wrk >/dev/null; then
	log "wrk is missing; installing Debian's package"
	SUDO=""
	[[ $(id -u) -eq 0 ]] || SUDO=sudo
	$SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; } \
		|| die "could not install wrk (apt-get install -y wrk)"
fi
WRK_VERSION=$(wrk -v 2>&1 | head -n 1 || true)
WRK_LIBS=$(ldd "$(command -v wrk)" 2>/dev/null || true)
if [[ -n "$WRK_LIBS" && "$WRK_LIBS" != *luajit* ]]; then
	log "WARNING: this wrk does not seem to link LuaJIT; bench/text-scan.lua needs LuaJIT's bit library"
fi

# ------------------------------------------------------------------------------------------------ jar
if [[ -z "$JAR" ]]; then
	JAR=$(ls -t target/vetter-*.jar 2>/dev/null | head -n 1 || true)
fi
if [[ "$REBUILD" == yes || -z "$JAR" || ! -f "$JAR" ]] \
	|| [[ "$REBUILD" == auto && -n "$(find src pom.xml -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
	command -v mvn >/dev/null || die "mvn is required to build the jar"
	log "building the jar (mvn -q -B -DskipTests package)"
	mvn -q -B -DskipTests package >&2 || die "the build failed"
	JAR=$(ls -t target/vetter-*.jar | head -n 1)
fi
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

# ------------------------------------------------------------------------------------------------ data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vetter-bench.XXXXXX")
log "working dir $TMP"
java "$ROOT/bench/BenchData.java" --terms "$TERMS" --texts "$TEXTS" --length "$TEXT_LENGTH" \
	--hit-percent "$HIT_PERCENT" --seed "$SEED" --out "$TMP/data" >"$TMP/data.txt" || die "test data generation failed"
DATA_SUMMARY=$(cat "$TMP/data.txt")
log "$DATA_SUMMARY"

# ------------------------------------------------------------------------------------------------ app
port_free() { ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
if [[ -z "$PORT" ]]; then
	PORT=18080
	while ! port_free "$PORT"; do
		PORT=$((PORT + 1))
		[[ $PORT -lt 18200 ]] || die "no free port in 18080-18199"
	done
fi
port_free "$PORT" || die "port $PORT is in use"
BASE="http://$HOST:$PORT"
CURL=(curl -s --noproxy '*' --max-time 60)

# shellcheck disable=SC2086
(cd "$TMP" && exec java $JAVA_OPTS -XX:+PrintCommandLineFlags -jar "$JAR" \
	--server.address="$HOST" --server.port="$PORT" \
	--vetter.embedded-db.data-dir="$TMP/pgdata" --vetter.security.master-key-file="$TMP/master.key" \
	--vetter.bootstrap.tenant-uid=1234567890 --vetter.bootstrap.access-key-id="$AK" \
	--vetter.bootstrap.access-key-secret="$SECRET" --vetter.bootstrap.operator-password=benchOperator1 \
	>"$TMP/app.log" 2>&1) &
APP_PID=$!
log "starting $JAR on $BASE (pid $APP_PID) with JAVA_OPTS: $JAVA_OPTS"
started=$(date +%s)
until [[ "$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE/actuator/health" || true)" == 200 ]]; do
	kill -0 "$APP_PID" 2>/dev/null || die "the app exited during startup"
	[[ $(($(date +%s) - started)) -lt $STARTUP_TIMEOUT ]] || die "the app was not healthy after $STARTUP_TIMEOUT s"
	sleep 1
done
log "ready after $(($(date +%s) - started)) s"
JVM_FLAGS=$(grep -m 1 -e '-XX:' "$TMP/app.log" || echo "$JAVA_OPTS")

# ------------------------------------------------------------------------------------------------ library
code=$("${CURL[@]}" -o "$TMP/library.json" -w '%{http_code}' -u "$AK:$SECRET" -H 'Content-Type: application/json' \
	-d '{"name":"bench","kind":"TEXT","action":"BLOCK"}' "$BASE/v1/libraries")
[[ "$code" == 201 ]] || die "POST /v1/libraries answered $code: $(cat "$TMP/library.json")"
LIB_ID=$(sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p' "$TMP/library.json")
[[ -n "$LIB_ID" ]] || die "no id in $(cat "$TMP/library.json")"
for f in "$TMP"/data/entries-*.json; do
	code=$("${CURL[@]}" --max-time 300 -o "$TMP/entries.out" -w '%{http_code}' -u "$AK:$SECRET" \
		-H 'Content-Type: application/json' --data-binary "@$f" "$BASE/v1/libraries/$LIB_ID/entries")
	[[ "$code" == 200 ]] || die "POST /v1/libraries/$LIB_ID/entries answered $code: $(head -c 500 "$TMP/entries.out")"
done
log "library $LIB_ID: $(cat "$TMP/entries.out")"

# ------------------------------------------------------------------------------------------------ wrk
# run_wrk LABEL SCRIPT PATH SECONDS THREADS CONNECTIONS [script args...] -> sets R_* from the RESULT line
run_wrk() {
	local label=$1 script=$2 path=$3 seconds=$4 threads=$5 conns=$6
	shift 6
	local out="$TMP/wrk-$label.out"
	# in the background and waited for, so that a signal to this script is handled at once
	wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout "$WRK_TIMEOUT" -s "$ROOT/bench/$script" "$BASE$path" \
		${1+-- "$@"} >"$out" 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || true
	WRK_PID=""
	local line
	line=$(grep -m 1 '^RESULT ' "$out" || true)
	[[ -n "$line" ]] || { cat "$out" >&2; die "wrk ($label) printed no result"; }
	if grep -q '^FAILURES' "$out"; then
		sed -n '/^FAILURES/,/^RESULT/p' "$out" | grep -v '^RESULT' >&2
	fi
	for k in requests rps p50_us p99_us ok non200 bad_code socket_errors timeouts blocked review pass; do
		printf -v "R_$k" '%s' "$(sed -n "s/.* $k=\([^ ]*\).*/\1/p" <<<" $line")"
	done
	R_errors=$((R_non200 + R_bad_code + R_socket_errors))
}
scan()  { run_wrk "$1" text-scan.lua /green/text/scan "$2" "$3" "$4" "$TMP/data/bodies.tsv" "$AK" "$SECRET" "n$$-$1"; }
floor() { run_wrk "$1" floor.lua "$FLOOR_PATH" "$2" "$3" "$4"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# preflight: one connection, PREFLIGHT s; every response must be a Green 200, or nothing else is worth running
# (under heavy load the first scan, which builds the folding tables, can take longer than 2 s: PREFLIGHT=15)
scan preflight "$PREFLIGHT" 1 1
[[ $R_ok -gt 0 && $R_errors -eq 0 ]] \
	|| die "preflight failed: $R_ok ok, $R_non200 non-200, $R_bad_code bad code, $R_socket_errors socket errors"
log "preflight: $R_ok signed scans ok (block $R_blocked, review $R_review, pass $R_pass), $(ms "$R_p50_us") ms p50 at 1 connection"

FLOOR=yes
floor_code=$("${CURL[@]}" -o "$TMP/floor.out" -w '%{http_code}' "$BASE$FLOOR_PATH" || true)
if [[ "$floor_code" != 200 ]]; then
	FLOOR=no
	log "WARNING: GET $FLOOR_PATH answered $floor_code, not 200: floor: n/a"
fi

log "warm-up: ${WARMUP} s of scans at -t$THREADS -c$CONNECTIONS"
scan warmup "$WARMUP" "$THREADS" "$CONNECTIONS"
log "warm-up: $R_rps scans/s, p99 $(ms "$R_p99_us") ms, $R_errors errors (block $R_blocked, review $R_review, pass $R_pass)"
[[ $R_blocked -gt 0 || $HIT_PERCENT -eq 0 ]] || log "WARNING: no scan was blocked; is the library applied?"
if [[ $FLOOR == yes && $FLOOR_WARMUP -gt 0 ]]; then
	floor floor-warmup "$FLOOR_WARMUP" "$THREADS" "$CONNECTIONS"
	log "floor warm-up: $R_rps req/s, $R_errors errors"
fi

ROWS=()
TOTAL_ERRORS=0
for run in $(seq 1 "$RUNS"); do
	log "run $run/$RUNS: scans for $DURATION s"
	scan "run$run" "$DURATION" "$THREADS" "$CONNECTIONS"
	s_rps=$R_rps s_p50=$R_p50_us s_p99=$R_p99_us s_err=$R_errors
	TOTAL_ERRORS=$((TOTAL_ERRORS + R_errors))
	f_rps=NaN f_p50=NaN f_p99=NaN f_err=0
	if [[ $FLOOR == yes ]]; then
		log "run $run/$RUNS: floor GET $FLOOR_PATH for $DURATION s"
		floor "floor$run" "$DURATION" "$THREADS" "$CONNECTIONS"
		f_rps=$R_rps f_p50=$R_p50_us f_p99=$R_p99_us f_err=$R_errors
		TOTAL_ERRORS=$((TOTAL_ERRORS + R_errors))
	fi
	ROWS+=("$run $s_rps $s_p50 $s_p99 $f_rps $f_p50 $f_p99 $s_err $f_err")
done

# ------------------------------------------------------------------------------------------------ report
NOTES=()
[[ $WARMUP -ge 60 ]] || NOTES+=("warm-up ${WARMUP} s < 60 s")
[[ $RUNS -ge 2 ]] || NOTES+=("${RUNS} run(s) < 2")
[[ $TERMS -eq 10000 ]] || NOTES+=("${TERMS} terms, not 10000")
[[ $TEXT_LENGTH -eq 200 ]] || NOTES+=("${TEXT_LENGTH}-char texts, not 200")
[[ $CONNECTIONS -eq 32 ]] || NOTES+=("${CONNECTIONS} connections, not 32")
[[ $FLOOR == yes ]] || NOTES+=("no floor endpoint")
[[ $(nproc) -eq 2 ]] || NOTES+=("$(nproc) cores, not 2")

{
	echo
	echo "== Vetter POST /green/text/scan end-to-end benchmark =="
	echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' (+ uncommitted changes in src/pom.xml)')"
	echo "jar:         $JAR"
	echo "machine:     $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
	echo "java:        $(java -version 2>&1 | head -n 1)"
	echo "JVM flags:   $JVM_FLAGS"
	echo "wrk:         $WRK_VERSION, -t$THREADS -c$CONNECTIONS --timeout $WRK_TIMEOUT, on the same machine"
	echo "workload:    $DATA_SUMMARY"
	echo "phases:      warm-up ${WARMUP} s scans + ${FLOOR_WARMUP} s floor, then ${RUNS} x (${DURATION} s scans, ${DURATION} s GET $FLOOR_PATH)$([[ $FLOOR == yes ]] || echo ", floor skipped: GET $FLOOR_PATH answered $floor_code")"
	echo
	printf '%-4s %10s %8s %8s %12s %8s %8s %7s %8s\n' run scans/s p50_ms p99_ms floor_req/s f_p50_ms f_p99_ms ratio errors
	printf '%s\n' "${ROWS[@]}" | awk -v floor="$FLOOR" '
		function med(a, n,   i, j, t) {
			for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		{
			n++
			rps[n] = $2; p50[n] = $3 / 1000; p99[n] = $4 / 1000
			if (floor == "yes") { frps[n] = $5; fp50[n] = $6 / 1000; fp99[n] = $7 / 1000; ratio[n] = $2 / $5 }
			err = $8 + $9
			if (floor == "yes")
				printf "%-4s %10.0f %8.2f %8.2f %12.0f %8.2f %8.2f %7.3f %8s\n", $1, $2, p50[n], p99[n], $5, fp50[n], fp99[n], ratio[n], err
			else
				printf "%-4s %10.0f %8.2f %8.2f %12s %8s %8s %7s %8s\n", $1, $2, p50[n], p99[n], "n/a", "n/a", "n/a", "n/a", err
			errs += err
		}
		END {
			m_rps = med(rps, n); m_p50 = med(p50, n); m_p99 = med(p99, n)
			if (floor == "yes") {
				m_frps = med(frps, n); m_fp50 = med(fp50, n); m_fp99 = med(fp99, n); m_ratio = med(ratio, n)
				printf "%-4s %10.0f %8.2f %8.2f %12.0f %8.2f %8.2f %7.3f %8s\n", "med", m_rps, m_p50, m_p99, m_frps, m_fp50, m_fp99, m_ratio, errs
			} else {
				printf "%-4s %10.0f %8.2f %8.2f %12s %8s %8s %7s %8s\n", "med", m_rps, m_p50, m_p99, "n/a", "n/a", "n/a", "n/a", errs
			}
			print ""
			printf "target scans/s >= 8000:  %s (%.0f)\n", (m_rps >= 8000 ? "MET" : "NOT MET"), m_rps
			printf "target p99 <= 20 ms:     %s (%.2f ms)\n", (m_p99 <= 20 ? "MET" : "NOT MET"), m_p99
			if (floor == "yes")
				printf "target ratio >= 0.25:    %s (%.3f)\n", (m_ratio >= 0.25 ? "MET" : "NOT MET"), m_ratio
			else
				print "target ratio >= 0.25:    floor: n/a (no trivial GET endpoint answered 200)"
		}'
	if [[ ${#NOTES[@]} -gt 0 ]]; then
		echo "NOT the issue's configuration, numbers are not comparable to the targets: $(IFS=';'; echo "${NOTES[*]}" | sed 's/;/; /g')"
	fi
	if [[ $TOTAL_ERRORS -gt 0 ]]; then
		echo "INVALID: $TOTAL_ERRORS requests failed during measurement (see the FAILURES samples above)"
	fi
}

[[ $TOTAL_ERRORS -eq 0 ]] || exit 1
