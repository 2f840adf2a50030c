#!/usr/bin/env bash
# Baton beside two event-loop proxies on its own server stack, which forward and do nothing else, nginx's proxy_pass and
# the upstream itself, in one run: what an event-loop rewrite of Baton's request path could gain (bench/README.md, "An
# event-loop proxy on Jetty"). `floor` is Jetty 12's asynchronous reverse proxy (JettyProxyFloor.java, its HttpClient);
# `lean` a non-blocking handler with a bare client on Jetty's selector (JettyLeanFloor.java).
#
#   bench/tools/proxy-floor.sh                 (run from anywhere; Baton's jar must be built: ./mvnw package)
#   BENCH_DURATION=5s BENCH_ROWS="small json" BENCH_CONCURRENCY="1 16 64" BENCH_PROXIES="nginx lean baton" bench/tools/proxy-floor.sh
#
# Per row and concurrency: wrk's req/s, p50, p99, the CPU each target's processes spent per request and the requests
# that failed; then, at one connection, the same latencies from bench/tools/SequentialLatency.java (a second client,
# see bench/README.md). Each target gets 2 s of load before each measurement, which does not settle the JIT: list the
# first concurrency twice ("16 1 16 64") and read the second.
set -euo pipefail
bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
repo="$(dirname "$bench")"
. "$repo/scripts/find-jdk.sh"
baton_find_jdk
DURATION="${BENCH_DURATION:-5s}"
ROWS="${BENCH_ROWS:-small json}"
CONC="${BENCH_CONCURRENCY:-1 16 64}"
tmp="$(mktemp -d /tmp/proxy-floor.XXXXXX)"
jetty="$(sed -n 's#.*<jetty.version>\(.*\)</jetty.version>.*#\1#p' "$repo/pom.xml")"

# Jetty's proxy and client, in the version Baton's server uses, resolved by Maven into a classpath
cat >"$tmp/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>proxy-floor</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.eclipse.jetty</groupId><artifactId>jetty-proxy</artifactId><version>$jetty</version></dependency></dependencies>
</project>
EOF
"$repo/mvnw" -q -B -f "$tmp/pom.xml" dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" >"$tmp/mvn.log" 2>&1 \
  || { echo "proxy-floor: resolving jetty-proxy $jetty failed (see $tmp/mvn.log)" >&2; exit 1; }

. "$bench/tools/serve.sh"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx160m -cp "$(cat "$tmp/cp.txt")" "$bench/tools/JettyProxyFloor.java" 18409 18401 >"$tmp/floor.log" 2>&1 &
floor=$!
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx160m -cp "$repo/target/baton.jar" "$bench/tools/JettyLeanFloor.java" 18410 18401 >"$tmp/lean.log" 2>&1 &
lean=$!
trap 'kill "$floor" "$lean" 2>/dev/null || true; serve_stop' EXIT
BENCH_TARGETS="direct nginx baton" serve_start "$tmp/serve.log"
for _ in $(seq 60); do grep -q "floor proxy on" "$tmp/floor.log" && grep -q "lean floor on" "$tmp/lean.log" && break; sleep 1; done

target() { # name -> port path model pids
  case "$1" in
    direct) echo "18401 /json/v1/messages - $(cat "$work/upstream.pid")" ;;
    nginx) echo "18403 /json/v1/messages - $(cat "$work/proxy.pid")" ;;
    floor) echo "18409 /json/v1/messages - $floor" ;;
    lean) echo "18410 /json/v1/messages - $lean" ;;
    baton) echo "$port /v1/messages $2 $pid" ;;
  esac
}
printf '%-6s %5s %-7s %9s %9s %9s %12s %7s\n' row conns target req/s "p50 ms" "p99 ms" "CPU µs/req" errors
for row in $ROWS; do
  row_request "$row" && body="$work/fixtures/$body" # serve.sh's: the body and model the bench row sends
  for c in $CONC; do
    for name in ${BENCH_PROXIES:-direct nginx floor lean baton}; do
      read -r to path m pids <<<"$(target "$name" "$model")"
      [ "$m" = - ] && m=""
      threads=2; [ "$c" -lt 2 ] && threads=1
      run() { BENCH_BODY="$body" BENCH_PATH="$path" BENCH_MODEL="$m" wrk -t"$threads" -c"$c" -d"$1" --timeout 10s -s "$bench/wrk/post.lua" "http://127.0.0.1:$to" 2>&1 | sed -n 's/^BENCH_JSON //p'; }
      run 2s >/dev/null # warm-up
      before=$(cpu_ticks $pids)
      out="$(run "$DURATION")"
      after=$(cpu_ticks $pids)
      python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%-6s %5s %-7s %9.0f %9.3f %9.3f %12.0f %7d" % (sys.argv[2], sys.argv[3], sys.argv[4], d["rps"], d["p50"]/1000, d["p99"]/1000, int(sys.argv[5]) * 10000 / max(1, d["requests"]), d["err_status"] + d["err_read"] + d["err_timeout"]))' \
        "$out" "$row" "$c" "$name" "$((after - before))"
    done
  done
done
echo
echo "one connection, bench/tools/SequentialLatency.java:"
for row in $ROWS; do
  row_request "$row" && body="$work/fixtures/$body" # serve.sh's: the body and model the bench row sends
  for name in ${BENCH_PROXIES:-direct nginx floor lean baton}; do
    read -r to path m pids <<<"$(target "$name" "$model")"
    [ "$m" = - ] && m=""
    "$JAVA_HOME/bin/java" "$bench/tools/SequentialLatency.java" "$to" "$path" "$body" "$m" 2 >/dev/null # warm-up
    printf '%-6s %-7s %s\n' "$row" "$name" "$("$JAVA_HOME/bin/java" "$bench/tools/SequentialLatency.java" "$to" "$path" "$body" "$m" "${DURATION%s}")"
  done
done
