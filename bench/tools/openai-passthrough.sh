#!/usr/bin/env bash
# An OpenAI-dialect caller's 83 KB streamed turn (bench/fixtures/cc-request.json in Chat Completions form, written by
# OpenAiTurn.java) passed through Baton to the canned OpenAI upstream of `bench/run serve` (the bench-openai group):
# CPU per request of Baton's process at 1, 16 and 64 connections, after two 6 s warm-up runs at 16.
#   bench/tools/openai-passthrough.sh      (run from the repository; builds nothing: ./mvnw package first)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
body="$(mktemp --suffix=.json)"
"$java" -cp target/baton.jar bench/tools/OpenAiTurn.java bench/fixtures/cc-request.json "$body"
log="$(mktemp)"
. bench/tools/serve.sh
trap 'serve_stop; rm -f "$body"' EXIT
serve_start "$log"
run() { # connections threads duration
  BENCH_BODY="$body" BENCH_PATH=/v1/chat/completions BENCH_MODEL=bench-openai wrk -t"$2" -c"$1" -d"$3" --timeout 10s \
    -s bench/wrk/post.lua "http://127.0.0.1:$port" 2>&1 | sed -n 's/^BENCH_JSON //p'
}
for _ in 1 2; do run 16 2 6s >/dev/null; done
for c in 1 16 64; do
  t=2; [ "$c" -lt 2 ] && t=1
  before=$(cpu_ticks "$pid"); out="$(run "$c" "$t" 5s)"; after=$(cpu_ticks "$pid")
  echo "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin); c, ticks = sys.argv[1], int(sys.argv[2])
print("connections", c, "req/s %.0f" % j["rps"], "CPU us/req %.0f" % (ticks * 10000 / j["requests"]), "non-2xx", j["err_status"])' "$c" "$((after - before))"
done
