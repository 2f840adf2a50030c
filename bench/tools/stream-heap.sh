#!/usr/bin/env bash
# What one open stream costs Baton's heap: a fresh `bench/run serve` instance warmed by one streaming row, its live heap
# by class (jcmd GC.class_histogram, after a full collection) idle and then with N streams open on the slow upstream
# (StreamProbe hold), and the difference per stream for the classes that grew most; with the resident memory
# StreamProbe reports.
#   bench/tools/stream-heap.sh [streams]      (run from the repository; builds nothing: ./mvnw package first)
# HEAP_DUMPS=<dir> also writes idle.hprof and open.hprof there (jcmd GC.heap_dump, live objects) for
# bench/tools/byte-arrays.py.
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
jcmd "$pid" GC.class_histogram >"$idle"
[ -z "${HEAP_DUMPS:-}" ] || { rm -f "$HEAP_DUMPS/idle.hprof"; jcmd "$pid" GC.heap_dump "$(readlink -f "$HEAP_DUMPS")/idle.hprof" >/dev/null; }
"$java" bench/tools/StreamProbe.java hold "$port" /v1/messages "$work/slow.json" "" "$streams" "$pid" 2>&1 | tail -1 &
probe=$!
for _ in $(seq 300); do # until every stream is open (StreamProbe holds them 5 s once they are)
  [ "$(ss -Htn state established "( sport = :$port )" | wc -l)" -ge "$streams" ] && break
  sleep 0.2
done
sleep 1
jcmd "$pid" GC.class_histogram >"$open"
[ -z "${HEAP_DUMPS:-}" ] || { rm -f "$HEAP_DUMPS/open.hprof"; jcmd "$pid" GC.heap_dump "$(readlink -f "$HEAP_DUMPS")/open.hprof" >/dev/null; }
wait "$probe"
python3 - "$idle" "$open" "$streams" <<'EOF'
import sys
def histogram(path):
    out = {}
    for line in open(path):
        p = line.split()
        if len(p) >= 4 and p[0].endswith(":"):
            out[p[3]] = (int(p[1]), int(p[2]))
    return out
idle, open_, n = histogram(sys.argv[1]), histogram(sys.argv[2]), int(sys.argv[3])
rows = sorted(((b - idle.get(k, (0, 0))[1], c - idle.get(k, (0, 0))[0], k) for k, (c, b) in open_.items()), reverse=True)
print("live heap: %.1f MB more with %d streams open, %.0f bytes per stream" % (sum(r[0] for r in rows) / 1e6, n, sum(r[0] for r in rows) / n))
for grew, count, name in rows[:8]:
    print("%8.0f bytes %6.2f objects per stream  %s" % (grew / n, count / n, name))
EOF
