#!/usr/bin/env bash
# Open streams after a load run, with heap figures: what the memory row of bench/run measures, plus the full
# collections it took and the live heap left (GC.class_histogram) at the end.
#   bench/tools/streams-after-load.sh [streams]      (run from the repository; builds nothing: ./mvnw package first)
# Starts `bench/run serve` (Baton with the launcher's JVM options unless BATON_JAVA_OPTS is set), runs the small,
# json, s20 and translated rows at 16, 64 and 256 connections for 4 s each, waits 12 s, opens the streams.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
streams="${1:-2000}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
log="$(mktemp)"
. bench/tools/serve.sh
trap serve_stop EXIT
serve_start "$log"
heap() { jstat -gcutil "$pid" | awk 'NR==2 {print "old " $4 " %, full collections " $9}'; }
load() { # body model connections
  BENCH_BODY="$1" BENCH_PATH=/v1/messages BENCH_MODEL="$2" wrk -t2 -c"$3" -d4s --timeout 10s -s bench/wrk/post.lua \
    "http://127.0.0.1:$port" 2>&1 | sed -n 's/^BENCH_JSON //p' |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(sys.argv[1], sys.argv[2], "req/s", d["rps"], "non-2xx", d["err_status"])' "$2" "$3"
}
f="$work/fixtures"
for c in 16 64 256; do
  load "$f/cc-small.json" claude-haiku-4-5-20251001 "$c"
  load "$f/cc-request.json" claude-sonnet-4-5-20250929 "$c"
  load "$f/cc-request-stream.json" bench-s20 "$c"
  load "$f/cc-request-stream.json" bench-openai "$c"
done
echo "after the load: $(grep VmRSS "/proc/$pid/status"), $(heap)"
sleep 12
echo "12 s later: $(grep VmRSS "/proc/$pid/status")"
sed 's/"model":"[^"]*"/"model":"bench-slow"/' "$f/cc-request-stream.json" >"$work/slow.json"
"$java" bench/tools/StreamProbe.java hold "$port" /v1/messages "$work/slow.json" "" "$streams" "$pid" 2>&1 | tail -1
echo "with the streams: $(heap)"
echo "live heap after they closed: $(jcmd "$pid" GC.class_histogram | tail -1)"
