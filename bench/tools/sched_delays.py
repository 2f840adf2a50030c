"""Who made the request path wait for a core: reads `perf sched timehist` output and, for every wake-up of a
request-path thread (wrk, nginx, Baton's selector, carrier and poller threads) that waited on the run queue longer
than the threshold, names the task that held that core meanwhile. Used by bench/tools/sched-delays.sh.

    python3 bench/tools/sched_delays.py TIMEHIST_FILE [THRESHOLD_MS]
"""
import bisect
import collections
import re
import sys

PATH = ("wrk", "nginx", "baton-server", "ForkJoinPool", "Read-Poller")


def rows(path):
    for line in open(path):
        p = line.split()
        if len(p) < 6 or not re.match(r"^\d+\.\d+$", p[0]):
            continue
        name = re.sub(r"\[.*", "", " ".join(p[2:-3]))
        _wait, delay, run = map(float, p[-3:])
        yield float(p[0]), p[1], name, delay / 1000, run / 1000


def main():
    data = list(rows(sys.argv[1]))
    threshold = float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else 0.001
    ran = collections.defaultdict(list)  # cpu -> (start, end, task), what held each core and when
    for t, cpu, name, _d, r in data:
        ran[cpu].append((t - r, t, name))
    for c in ran:
        ran[c].sort()
    starts = {c: [s for s, _, _ in ran[c]] for c in ran}
    blame, count, switches = collections.Counter(), collections.Counter(), 0
    for t, cpu, name, d, r in data:
        if not name.startswith(PATH):
            continue
        switches += 1
        if d < threshold:
            continue
        w0, w1 = t - r - d, t - r  # the time it waited, runnable, for this core
        held = collections.Counter()
        for s, e, n in ran[cpu][bisect.bisect_left(starts[cpu], w0 - 0.05):]:
            if s > w1:
                break
            if min(e, w1) > max(s, w0):
                held[n] += min(e, w1) - max(s, w0)
        top = re.sub(r"-\d+$", "", held.most_common(1)[0][0]) if held else "?"
        blame[top] += d
        count[top] += 1
    print(f"request-path runs: {switches}, of which {sum(count.values())} waited over {threshold * 1000:g} ms for a core")
    for n, v in blame.most_common():
        print(f"  behind {n:24s} {count[n]:5d} waits, {v * 1000:8.1f} ms in all")


if __name__ == "__main__":
    main()
