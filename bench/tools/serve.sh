# Sourced by the tools beside it that measure a Baton started by `bench/run serve` (jvm-options.sh, proxy-floor.sh,
# streams-after-load.sh, sched-delays.sh):
#   serve_start LOG   starts `bench/run serve` in its own process group, without building (the caller's BENCH_* and
#                     BATON_JAVA_OPTS apply), and waits until it serves; sets serve (the group), work (its work
#                     directory), pid and port (Baton's)
#   serve_stop        ends the group: nginx, Baton and whatever else serve started
#   cpu_ticks PID...  from cpu-ticks.sh
#   row_request ROW   sets body, model and route to what a bench row sends Baton (small json compatible s20 s200 translated openai)
#   baton_load CONNS DURATION   wrk against the started Baton with that body and model; prints wrk's JSON line
. "$(dirname "${BASH_SOURCE[0]}")/cpu-ticks.sh"
serve_bench="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

serve_start() {
  local log="$1" run
  run="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/run"
  BENCH_NO_BUILD=1 setsid "$run" serve >"$log" 2>&1 &
  serve=$!
  for _ in $(seq 120); do grep -q "serving:" "$log" && break; sleep 1; done
  grep -q "serving:" "$log" || { echo "bench/run serve did not start (see $log)" >&2; return 1; }
  work="$(sed -n 's/.*work \(\/tmp\/baton-bench\.[^;]*\); Ctrl-C.*/\1/p' "$log")"
  pid="$(sed -n 's/.*Baton [0-9]* (pid \([0-9]*\)).*/\1/p' "$log")"
  port="$(sed -n 's/.*Baton \([0-9]*\) (pid.*/\1/p' "$log")"
}

serve_stop() {
  [ -n "${serve:-}" ] || return 0
  kill -- -"$serve" 2>/dev/null || true
  wait "$serve" 2>/dev/null || true
  serve=""
}

row_request() {
  body=cc-request-stream.json route=/v1/messages
  case "$1" in small) body=cc-small.json model=claude-haiku-4-5-20251001 ;; json) body=cc-request.json model=claude-sonnet-4-5-20250929 ;;
    compatible) body=cc-request.json model=bench-compatible ;; s20|s200) model="bench-$1" ;; translated) model=bench-openai ;;
    openai) body=cc-request-openai.json model=bench-openai route=/v1/chat/completions ;;
    *) echo "unknown row $1" >&2; return 2 ;; esac
}

baton_load() {
  local t=2; [ "$1" -lt 2 ] && t=1
  BENCH_BODY="$work/fixtures/$body" BENCH_PATH="$route" BENCH_MODEL="$model" BENCH_HEADERS="" \
    wrk -t$t -c"$1" -d"$2" --timeout 10s -s "$serve_bench/wrk/post.lua" "http://127.0.0.1:$port" 2>&1 | sed -n 's/^BENCH_JSON //p'
}
