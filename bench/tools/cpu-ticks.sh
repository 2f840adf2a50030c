# Sourced by bench/run and bench/tools/serve.sh.
#   cpu_ticks PID...  user + system clock ticks used so far by the processes and their children: what a target's own
#                     processes spent, beside the latency that on a shared machine also counts everyone else's work
cpu_ticks() {
  local sum=0 p q
  for p in "$@"; do
    for q in "$p" $(pgrep -P "$p"); do [ -r "/proc/$q/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$q/stat"))); done
  done
  echo "$sum"
}
