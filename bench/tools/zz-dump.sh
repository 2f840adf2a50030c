#!/usr/bin/env bash
# What one open stream costs Baton's heap: a fresh `bench/run serve` instance warmed by one streaming row, its live heap
# by class (jcmd GC.class_histogram, after a full collection) idle and then with N streams open on the slow upstream
# (StreamProbe hold), and the difference per stream for the classes that grew most; with the resident memory
# StreamProbe reports.
#   bench/tools/stream-heap.sh [streams]      (run from the repository; builds nothing: ./mvnw package first)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
streams="${1:-2000}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
log="$(mktemp)" idle="$(mktemp)" open="$(mktemp)"
. bench/tools/serve.sh
trap 'serve_stop; rm -f "$log" "$idle" "$open"' EXIT
serve_start "$log"
f="$work/fixtures"
BENCH_BODY="$f/cc-request-stream.json" BENCH_PATH=/v1/messages BENCH_MODEL=bench-s20 wrk -t2 -c16 -d4s \
  -s bench/wrk/post.lua "http://127.0.0.1:$port" >/dev/null 2>&1
sed 's/"model":"[^"]*"/"model":"bench-slow"/' "$f/cc-request-stream.json" >"$work/slow.json"
sleep 2
jcmd "$pid" GC.heap_dump /tmp/hp/idle.hprof >/dev/null
"$java" bench/tools/StreamProbe.java hold "$port" /v1/messages "$work/slow.json" "" "$streams" "$pid" 2>&1 | tail -1 &
probe=$!
for _ in $(seq 300); do # until every stream is open (StreamProbe holds them 5 s once they are)
  [ "$(ss -Htn state established "( sport = :$port )" | wc -l)" -ge "$streams" ] && break
  sleep 0.2
done
sleep 1
jcmd "$pid" GC.heap_dump /tmp/hp/open.hprof >/dev/null
wait "$probe"
wait
