#!/usr/bin/env bash
# Where Baton's CPU goes on one bench row: starts `bench/run serve`, settles the row at 16 connections, then samples
# Baton with async-profiler (4.1, from Maven Central, kept in bench/.peers) during wrk and prints the hottest frames,
# self and total, as shares of all samples. The collapsed stacks stay in the file named on the last line.
#
#   bench/tools/profile.sh [row] [connections] [seconds]      rows as in jvm-options.sh; default: translated 16 8
#   PROFILE_TOP=40 (lines per table), PROFILE_SETTLE_RUNS=3 (8 s runs before sampling), BATON_JAVA_OPTS as for bench/run
#   PROFILE_EVENT=alloc: where the heap is allocated instead (shares of the bytes, sampled every 256 KB)
set -euo pipefail
bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROW="${1:-translated}" CONNS="${2:-16}" SECONDS_="${3:-8}"
TOP="${PROFILE_TOP:-30}" SETTLE_RUNS="${PROFILE_SETTLE_RUNS:-3}"
lib="$bench/.peers/async-profiler-4.1/linux-x64/libasyncProfiler.so"
if [ ! -f "$lib" ]; then
  mkdir -p "$bench/.peers/async-profiler-4.1"
  curl -sSfL -o "$bench/.peers/async-profiler-4.1.jar" \
    https://repo1.maven.org/maven2/tools/profiler/async-profiler/4.1/async-profiler-4.1-linux-x64.jar
  (cd "$bench/.peers/async-profiler-4.1" && unzip -q -o ../async-profiler-4.1.jar)
fi
log="$(mktemp /tmp/profile.XXXXXX)"
out="$(mktemp /tmp/profile-"$ROW"-XXXXXX.collapsed)"
. "$bench/tools/serve.sh"
trap serve_stop EXIT

row_request "$ROW" || exit 2

BENCH_TARGETS="direct baton" serve_start "$log"
for _ in $(seq "$SETTLE_RUNS"); do baton_load "$CONNS" 8s >/dev/null; done
case "${PROFILE_EVENT:-cpu}" in
  cpu) start="start,event=cpu,interval=200000" stop="collapsed" ;;
  alloc) start="start,event=alloc,alloc=256k" stop="collapsed,total" ;;
  *) echo "PROFILE_EVENT: cpu or alloc" >&2; exit 2 ;;
esac
jcmd "$pid" JVMTI.agent_load "$lib" "\"$start\"" >/dev/null
before=$(cpu_ticks "$pid")
baton_load "$CONNS" "${SECONDS_}s"
after=$(cpu_ticks "$pid")
jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,file=$out,$stop\"" >/dev/null
echo "row=$ROW c=$CONNS baton_cpu_ticks=$((after - before))"
python3 - "$out" "$TOP" <<'EOF'
import collections, sys
self_, total, n = collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip().rpartition(' ')
    count = int(count); n += count
    frames = stack.split(';')
    self_[frames[-1]] += count
    for f in set(frames): total[f] += count
top = int(sys.argv[2])
print(f"{n} samples\n-- self")
for f, c in self_.most_common(top): print(f"{100 * c / n:5.1f}%  {f}")
print("-- total (Baton's own code)")
for f, c in [(f, c) for f, c in total.most_common() if f.startswith('dev/baton')][:top]: print(f"{100 * c / n:5.1f}%  {f}")
EOF
echo "collapsed stacks: $out"
