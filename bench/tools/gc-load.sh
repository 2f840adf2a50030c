#!/usr/bin/env bash
# One row through a `bench/run serve` Baton, with the collector's counts around each load: starts Baton (the launcher's
# JVM defaults, or BATON_JAVA_OPTS), settles the row at 16 connections (four 8 s runs), then per connection count runs
# wrk for BENCH_DURATION (5s) and prints throughput, p50, p99, Baton's CPU per request and the young and full
# collections `jstat -gc` counted meanwhile. For A/B runs, call it from two checkouts in turn (each uses its own build).
#
#   bench/tools/gc-load.sh [row] ["connections..."]      rows: small json compatible s20 s200 translated openai; default: translated "16 64"
set -euo pipefail
bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROW="${1:-translated}" CONNS="${2:-16 64}" DURATION="${BENCH_DURATION:-5s}"
. "$bench/tools/serve.sh"
trap serve_stop EXIT
log="$(mktemp /tmp/gc-load.XXXXXX)"
row_request "$ROW" || exit 2
BENCH_TARGETS="direct baton" serve_start "$log"
for _ in 1 2 3 4; do baton_load 16 8s >/dev/null; done
for c in $CONNS; do
  g0=$(jstat -gc "$pid" | tail -1) t0=$(cpu_ticks "$pid")
  out=$(baton_load "$c" "$DURATION")
  g1=$(jstat -gc "$pid" | tail -1) t1=$(cpu_ticks "$pid")
  python3 - "$out" "$g0" "$g1" $((t1 - t0)) "$c" "$ROW" "$(getconf CLK_TCK)" <<'PY'
import json, sys
o = json.loads(sys.argv[1]); g0 = sys.argv[2].split(); g1 = sys.argv[3].split()
ticks, hz, n = int(sys.argv[4]), int(sys.argv[7]), o['requests']
# jstat -gc ends with YGC YGCT FGC FGCT CGC CGCT GCT
young, full, full_s = int(g1[-7]) - int(g0[-7]), int(g1[-5]) - int(g0[-5]), float(g1[-4]) - float(g0[-4])
print(f"{sys.argv[6]} c={sys.argv[5]} rps={o['rps']:.0f} p50={o['p50'] / 1000:.3f}ms p99={o['p99'] / 1000:.3f}ms "
      f"cpu={ticks * 1e6 / hz / n:.0f}us/req young={young} full={full} ({full_s:.2f}s) errors={o['err_status'] + o['err_read']}")
PY
done
