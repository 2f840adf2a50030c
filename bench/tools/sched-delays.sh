#!/usr/bin/env bash
# What Baton's tail at one connection waits for (bench/README.md, "The tail at one connection"): starts `bench/run
# serve`, warms the small row up (at one connection, or SCHED_CONNS), then records the scheduler (`perf sched record`, as root; the
# Debian package linux-perf) during one more wrk run and names, for every request-path thread that waited over 1 ms
# for a core, the task that held the core meanwhile (bench/tools/sched_delays.py).
#
#   bench/tools/sched-delays.sh [seconds] [ms]  (default 5 s and waits over 1 ms; builds nothing: ./mvnw package first)
#   SCHED_WARMUP_RUNS=10                       5 s runs before the recorded one (the JIT settles in about 40 s)
#   SCHED_CONNS=1                              wrk's connections (two wrk threads above one): the tail at 16 or 64
set -euo pipefail
bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds="${1:-5}"
command -v perf >/dev/null || { echo "sched-delays: needs perf (apt-get install linux-perf)" >&2; exit 1; }
tmp="$(mktemp -d /tmp/sched-delays.XXXXXX)"
. "$bench/tools/serve.sh"
trap serve_stop EXIT
BENCH_TARGETS="direct nginx baton" serve_start "$tmp/serve.log"
export BENCH_BODY="$work/fixtures/cc-small.json" BENCH_PATH=/v1/messages BENCH_MODEL=claude-haiku-4-5-20251001
conns="${SCHED_CONNS:-1}"; threads=1; [ "$conns" -gt 1 ] && threads=2
small=(wrk -t"$threads" -c"$conns" -s "$bench/wrk/post.lua" "http://127.0.0.1:$port")
for _ in $(seq "${SCHED_WARMUP_RUNS:-10}"); do "${small[@]}" -d5s >/dev/null 2>&1; done # warm-up: the JIT compilers settle
# wrk alone under the trace: its figures are read afterwards, so no other process runs beside it
perf sched record -o "$tmp/sched.data" -- "${small[@]}" -d"$seconds"s >"$tmp/wrk.txt" 2>"$tmp/perf.log"
sed -n 's/^BENCH_JSON //p' "$tmp/wrk.txt" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("wrk: %d req/s, p50 %d, p90 %d, p99 %d, max %d µs" % (d["rps"], d["p50"], d["p90"], d["p99"], d["max"]))'
perf sched timehist -i "$tmp/sched.data" >"$tmp/timehist.txt" 2>/dev/null
python3 "$bench/tools/sched_delays.py" "$tmp/timehist.txt" "${2:-1}"
echo "(perf's own output: $tmp)"
