#!/usr/bin/env bash
# Baton's latency and throughput under several JVM option sets, beside direct and nginx on the same upstream:
# starts `bench/run serve` once per option set (its nginx upstream, nginx proxy and Baton), runs wrk per row and
# concurrency, and prints one line per measurement. For comparing GCs and heap sizes (bench/README.md, "Tried").
#
#   bench/tools/jvm-options.sh "-XX:+UseSerialGC -Xmx160m" "-XX:+UseParallelGC -Xmx160m" ...
#   BENCH_DURATION=5s BENCH_ROWS="small json translated" BENCH_CONCURRENCY="1 16 64"
#   BENCH_SETTLE=10s: each row through Baton at 16 connections first, twice over, so that the JIT's warm-up (most
#   of a minute under load, bench/README.md) is not measured as the option set's cost; 0: none
set -euo pipefail
bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
repo="$(dirname "$bench")"
DURATION="${BENCH_DURATION:-5s}"
ROWS="${BENCH_ROWS:-small json translated}"
CONC="${BENCH_CONCURRENCY:-1 16 64}"
SETTLE="${BENCH_SETTLE:-10s}"
log="$(mktemp /tmp/jvm-options.XXXXXX)"
. "$bench/tools/serve.sh"
trap serve_stop EXIT

body_of() { case "$1" in small) echo cc-small.json ;; json|compatible) echo cc-request.json ;; *) echo cc-request-stream.json ;; esac; }
path_of() { case "$1" in small|json|compatible) echo /json/v1/messages ;; s20|s200) echo "/$1/v1/messages" ;;
  translated) echo /openai-s20/v1/chat/completions ;; esac; }
model_of() { case "$1" in small) echo claude-haiku-4-5-20251001 ;; json) echo claude-sonnet-4-5-20250929 ;; compatible) echo bench-compatible ;;
  s20|s200) echo "bench-$1" ;; translated) echo bench-openai ;; esac; }

wrk_json() { # port path body model conns [duration]
  local t=2; [ "$5" -lt 2 ] && t=1
  BENCH_BODY="$work/fixtures/$3" BENCH_PATH="$2" BENCH_MODEL="$4" BENCH_HEADERS="" \
    wrk -t"$t" -c"$5" -d"${6:-$DURATION}" --timeout 10s -s "$bench/wrk/post.lua" "http://127.0.0.1:$1" 2>&1 | sed -n 's/^BENCH_JSON //p'
}

for opts in "$@"; do
  BATON_JAVA_OPTS="$opts" BENCH_TARGETS="direct nginx baton" serve_start "$log"
  if [ "$SETTLE" != 0 ]; then
    for row in $ROWS $ROWS; do wrk_json "$port" /v1/messages "$(body_of "$row")" "$(model_of "$row")" 16 "$SETTLE" >/dev/null; done
  fi
  for row in $ROWS; do
    for target in direct nginx baton; do
      [ "$target" = nginx ] && [ "$row" = translated ] && continue
      case "$target" in direct) to=18401 path="$(path_of "$row")" model="" ;; nginx) to=18403 path="$(path_of "$row")" model="" ;;
        baton) to=$port path=/v1/messages model="$(model_of "$row")" ;; esac
      [ "$target" = direct ] && [ "$row" = translated ] && body=cc-request-stream.json || body="$(body_of "$row")"
      wrk_json "$to" "$path" "$body" "$model" 16 >/dev/null # warm-up
      for c in $CONC; do
        before=$(cpu_ticks "$pid")
        out="$(wrk_json "$to" "$path" "$body" "$model" "$c")"
        after=$(cpu_ticks "$pid")
        echo "opts=[$opts] row=$row target=$target c=$c baton_cpu_ticks=$((after - before)) $out"
      done
    done
  done
  gc="$(jcmd "$pid" GC.heap_info 2>/dev/null | head -3 | tr '\n' ' ')"
  echo "opts=[$opts] heap: $gc rss_kb=$(awk '/VmRSS/{print $2}' /proc/"$pid"/status)"
  serve_stop
  sleep 2
done
