#!/usr/bin/env python3
"""Turns bench/run's raw results (one JSON object a line) into the markdown report with the machine and targets."""
import argparse
import json
import os
import platform
import time
import re
import subprocess

ROWS = {
    "small": "Non-streaming passthrough, small request (2 KB, Claude Code's title call)",
    "json": "Non-streaming passthrough, Claude Code turn (83 KB, 20 tools, 30 messages)",
    "compatible": "Anthropic-compatible host of another vendor's model, its limits declared: the 83 KB turn as a tree, max_tokens clamped",
    "s20": "Streaming passthrough, 20 events (83 KB request)",
    "s200": "Streaming passthrough, 200 events (83 KB request)",
    "translated": "Anthropic → OpenAI translated stream, 20 chunks (83 KB request)",
    "openai": "OpenAI-dialect caller, streaming passthrough to an OpenAI-compatible upstream, 20 chunks (the 83 KB turn in Chat Completions form)",
    "fallback": "After a 429: first deployment answers 429 (retry-after: 0), the second serves (83 KB request)",
}
TARGET_NAMES = {"direct": "direct (no proxy)", "nginx": "nginx proxy_pass", "baton": "**Baton**",
                "baton-fresh": "**Baton**, a fresh instance warmed by one streaming row",
                "portkey": "Portkey 1.15.2", "ccr": "claude-code-router 2.0.0"}
PEERS = ["portkey", "ccr"]


def sh(cmd):
    try:
        r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20)
        return (r.stdout + r.stderr).strip()
    except Exception as e:  # noqa: BLE001 - a missing tool only leaves a blank in the report
        return f"unknown ({e})"


def machine(args):
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
    mem = re.search(r"MemTotal:\s*(\d+)", open("/proc/meminfo").read())
    java = sh(f"{args.java} -version 2>&1 | head -n 2").splitlines()
    bench = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    repo = os.path.dirname(bench)
    peers = os.path.join(bench, ".peers", "node_modules")
    def npm_version(pkg):
        try:
            return json.load(open(os.path.join(peers, pkg, "package.json")))["version"]
        except OSError:
            return "not installed"
    commit = sh(f"git -C {repo} rev-parse --short HEAD 2>/dev/null") or "unknown commit"
    dirty = " (with uncommitted changes)" if sh(f"git -C {repo} status --porcelain -- src pom.xml 2>/dev/null") else ""
    return [
        ("host", platform.node().split(".")[0]),
        ("cores (nproc)", str(os.cpu_count())),
        ("CPU", cpu.group(1) if cpu else "unknown"),
        ("memory", f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown"),
        ("kernel", platform.release()),
        ("JDK", " / ".join(java[:2])),
        ("Baton", f"{commit}{dirty}, started by ./baton with JVM options: "
                  + (f"`{os.environ['BATON_JAVA_OPTS']}` (BATON_JAVA_OPTS)" if "BATON_JAVA_OPTS" in os.environ else "the launcher's defaults")),
        ("nginx", sh("nginx -v 2>&1").replace("nginx version: ", "")),
        ("wrk", sh("wrk -v 2>&1 | head -n 1").split(" [")[0]),
        ("node", sh("node --version")),
        ("Portkey", npm_version("@portkey-ai/gateway") + " (patched for TypeError: immutable, see bench/run)"),
        ("claude-code-router", npm_version("@musistudio/claude-code-router")),
        ("load average (1/5/15 min)", f"before {args.load_before}; after {args.load_after}"),
    ]


def ms(us):
    return us / 1000.0


def fmt(v, digits=3):
    return "–" if v is None else f"{v:.{digits}f}"


def load(path):
    rows = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            rows.setdefault(r["row"], {}).setdefault(r["target"], {})[r["c"]] = r["result"]
    # the direct reference: per concurrency, the lower latencies of the runs before and after the proxies
    for data in rows.values():
        again = data.pop("direct-again", {})
        for c, r in again.items():
            d = data.get("direct", {}).get(c)
            if isinstance(d, dict) and isinstance(r, dict):
                best = dict(d)
                for pct in ("p50", "p90", "p99"):
                    best[pct] = min(d[pct], r[pct])
                best["rps"] = max(d["rps"], r["rps"])
                best["counts"] = {}
                data["direct"][c] = best
    return rows


def errors(r):
    n = r["err_connect"] + r["err_read"] + r["err_write"] + r["err_status"] + r["err_timeout"]
    return str(n) if n else ""


def row_table(name, data, out):
    out.append(f"### {ROWS.get(name, name)}\n")
    direct = data.get("direct", {})
    levels = sorted({c for t in data.values() for c in t if c})
    out.append("| target | conns | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU µs/req | errors | notes |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for target in ["direct", "nginx", "baton", "portkey", "ccr"]:
        if target not in data:
            continue
        results = data[target]
        if 0 in results and isinstance(results[0], str):
            reason = results[0]
            if target == "baton" and reason.startswith("warm-up") and name == "translated":
                reason = "not available in this build (" + reason + ")"
            out.append(f"| {TARGET_NAMES[target]} | | | | | | | | | {reason} |")
            continue
        for c in levels:
            r = results.get(c)
            if not isinstance(r, dict):
                continue
            d = direct.get(c)
            add50 = ms(r["p50"] - d["p50"]) if isinstance(d, dict) and target != "direct" else None
            add99 = ms(r["p99"] - d["p99"]) if isinstance(d, dict) and target != "direct" else None
            notes = ", ".join(f"{k}: {v}" for k, v in sorted(r.get("counts", {}).items()))
            out.append(f"| {TARGET_NAMES[target]} | {c} | {r['rps']:.0f} | {fmt(ms(r['p50']))} | {fmt(ms(r['p99']))} | "
                       f"{fmt(add50)} | {fmt(add99)} | {r.get('cpu_us_per_req', '')} | {errors(r)} | {notes} |")
    out.append("")


def get(rows, row, target, c):
    r = rows.get(row, {}).get(target, {}).get(c)
    return r if isinstance(r, dict) else None


def added(rows, row, target, c, pct="p50"):
    r, d = get(rows, row, target, c), get(rows, row, "direct", c)
    return ms(r[pct] - d[pct]) if r and d else None


def verdict(ok):
    return "–" if ok is None else ("**pass**" if ok else "**miss**")


def targets(rows, out):
    out.append("## Against the targets (issues 6 and 14)\n")
    out.append("| target | measured | limit | verdict |")
    out.append("|---|---|---|---|")
    for row in ["small", "json"]:
        a = added(rows, row, "baton", 1)
        out.append(f"| {row}: added p50 at 1 connection | {fmt(a)} ms | ≤ 0.1 ms | {verdict(a is not None and a <= 0.1 if a is not None else None)} |")
        a99 = added(rows, row, "baton", 1, "p99")
        if a99 is not None:
            out.append(f"| {row}: added p99 at 1 connection | {fmt(a99)} ms | ≤ 0.5 ms | {verdict(a99 <= 0.5)} |")
        b50, n50 = added(rows, row, "baton", 16), added(rows, row, "nginx", 16)
        b99, n99 = added(rows, row, "baton", 16, "p99"), added(rows, row, "nginx", 16, "p99")
        if b50 is not None and n50 is not None:
            out.append(f"| {row}: added p50 at 16 vs nginx's | {fmt(b50)} vs {fmt(n50)} ms | ≤ 1.5× ({fmt(1.5 * n50)} ms) | {verdict(b50 <= 1.5 * n50)} |")
        if b99 is not None and n99 is not None:
            if n99 <= 0:  # the direct run's p99 was the worst: a stall of the shared box, not a proxy's cost
                d99 = get(rows, row, "direct", 16)["p99"] / 1000
                out.append(f"| {row}: added p99 at 16 vs nginx's | {fmt(b99)} vs {fmt(n99)} ms | not measurable in this run: "
                           f"the direct p99 ({fmt(d99)} ms) exceeds nginx's | – |")
            else:
                out.append(f"| {row}: added p99 at 16 vs nginx's | {fmt(b99)} vs {fmt(n99)} ms | ≤ 2× ({fmt(2 * n99)} ms) | {verdict(b99 <= 2 * n99)} |")
        b, n = get(rows, row, "baton", 64), get(rows, row, "nginx", 64)
        if b and n:
            out.append(f"| {row}: throughput at 64 vs nginx's | {b['rps']:.0f} vs {n['rps']:.0f} req/s ({100 * b['rps'] / n['rps']:.0f} %) | ≥ 50 % | {verdict(b['rps'] >= 0.5 * n['rps'])} |")
    for c in (1, 16):
        tr = get(rows, "translated", "baton", c)
        if tr and tr.get("cpu_us_per_req") not in (None, ""):
            cpu = float(tr["cpu_us_per_req"])
            out.append(f"| translated 83 KB streamed turn: CPU per request at {c} connection{'s' if c > 1 else ''} | {cpu:.0f} µs | ≤ 150 µs | {verdict(cpu <= 150)} |")
    t, d = get(rows, "ttft", "baton", 1), get(rows, "ttft", "direct", 1)
    if t and d:
        a = t["ttft_p50"] - d["ttft_p50"]
        out.append(f"| time to first token added (p50, p99) | {fmt(a)} ms, {fmt(t['ttft_p99'] - d['ttft_p99'])} ms | ≤ 1 ms | {verdict(a <= 1)} |")
    opts = "BATON_JAVA_OPTS" if "BATON_JAVA_OPTS" in os.environ else "launcher defaults"
    for target, label in [("baton", f"{opts}, after the load rows"), ("baton-fresh", f"{opts}, a fresh instance warmed by one streaming row")]:
        res = rows.get("memory", {}).get(target, {})
        m = get(rows, "memory", target, max(res.keys())) if res else None
        if m:
            out.append(f"| resident memory with {m['streams']} open streams ({m['failed']} failed), {label} | {m['rss_open_mb']:.0f} MB "
                       f"(before: {m['rss_before_mb']:.0f} MB) | ≤ 300 MB | {verdict(m['rss_open_mb'] <= 300 and m['failed'] == 0)} |")
    a = added(rows, "fallback", "baton", 1)
    if a is not None:
        out.append(f"| after a 429: added beyond the second upstream's latency, p50 at 1 connection | {fmt(a)} ms | ≤ 1 ms | {verdict(a <= 1)} |")
    out.append("")
    out.append("Ahead of the peers (ratio = the peer's added p50 latency ÷ Baton's at 1 connection; Baton's ÷ the peer's "
               "throughput at 64 connections; > 1 means Baton is ahead):\n")
    out.append("| row | vs Portkey: latency | vs Portkey: throughput | vs claude-code-router: latency | vs claude-code-router: throughput |")
    out.append("|---|---:|---:|---:|---:|")
    for row in ROWS:
        cells = []
        for peer in PEERS:
            b, p = added(rows, row, "baton", 1), added(rows, row, peer, 1)
            cells.append(f"{p / b:.1f}×" if b and p and b > 0 else "–")
            b, p = get(rows, row, "baton", 64), get(rows, row, peer, 64)
            cells.append(f"{b['rps'] / p['rps']:.1f}×" if b and p and p["rps"] > 0 else "–")
        if any(c != "–" for c in cells):
            out.append(f"| {row} | " + " | ".join(cells) + " |")
    t = get(rows, "ttft", "baton", 1)
    cells = []
    for peer in PEERS:
        p, d = get(rows, "ttft", peer, 1), get(rows, "ttft", "direct", 1)
        cells.append(f"{(p['ttft_p50'] - d['ttft_p50']) / max(t['ttft_p50'] - d['ttft_p50'], 0.001):.1f}×" if t and p and d else "–")
    out.append(f"| time to first token | {cells[0]} | | {cells[1]} | |")
    out.append("")


def streams(rows, out):
    if "ttft" in rows:
        out.append("### Time to first token (one connection, 500 streamed requests of 20 events, 83 KB request)\n")
        out.append("| target | first token p50 ms | p99 ms | added p50 ms | whole stream p50 ms | p99 ms |")
        out.append("|---|---:|---:|---:|---:|---:|")
        d = get(rows, "ttft", "direct", 1)
        for target, res in rows["ttft"].items():
            r = res.get(1)
            if not isinstance(r, dict):
                out.append(f"| {TARGET_NAMES[target]} | {r} | | | | |")
                continue
            a = r["ttft_p50"] - d["ttft_p50"] if d and target != "direct" else None
            out.append(f"| {TARGET_NAMES[target]} | {fmt(r['ttft_p50'])} | {fmt(r['ttft_p99'])} | {fmt(a)} | {fmt(r['total_p50'])} | {fmt(r['total_p99'])} |")
        out.append("")
    if "memory" in rows:
        out.append("### Resident memory with many open streams (upstream sends one delta a second; RSS of the process tree)\n")
        out.append("| target | streams open | failed | seconds to open all | RSS idle MB | RSS with streams open MB |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for target, res in rows["memory"].items():
            for c, r in res.items():
                if isinstance(r, dict):
                    out.append(f"| {TARGET_NAMES[target]} | {r['streams']} | {r['failed']} | {r['open_s']:.1f} | {r['rss_before_mb']:.0f} | {r['rss_open_mb']:.0f} |")
                else:
                    out.append(f"| {TARGET_NAMES[target]} | {c} | {r} | | | |")
        out.append("")


def jmh(path, out):
    if not path or not os.path.exists(path):
        return
    data = json.load(open(path))
    out.append("## JMH (bench/jmh, `-prof gc`)\n")
    out.append("| benchmark | score | error | unit | allocated B/op |")
    out.append("|---|---:|---:|---|---:|")
    for b in data:
        pm = b["primaryMetric"]
        alloc = b.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm") or b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        name = b["benchmark"].replace("dev.baton.", "")
        params = ", ".join(f"{k}={v}" for k, v in (b.get("params") or {}).items())
        out.append(f"| {name}{' (' + params + ')' if params else ''} | {pm['score']:.3f} | {pm['scoreError']:.3f} | {pm['scoreUnit']} | "
                   f"{alloc['score']:.0f} |" if alloc else f"| {name} | {pm['score']:.3f} | {pm['scoreError']:.3f} | {pm['scoreUnit']} | |")
    out.append("")


def main():
    p = argparse.ArgumentParser()
    for a in ["--results", "--jmh", "--out", "--command", "--load-before", "--load-after", "--java", "--baton-log"]:
        p.add_argument(a)
    args = p.parse_args()
    rows = load(args.results)
    out = [f"# Baton benchmark, {time.strftime('%Y-%m-%d')} on {platform.node().split('.')[0]}\n",
           "Everything on one machine, on 127.0.0.1: the fake upstream (nginx serving canned answers), nginx's reverse "
           "proxy, Baton, the peers and the load generator (wrk) share the cores, so added latency at high "
           "concurrency is mostly CPU contention. *Added* = through the proxy − direct to the upstream, per "
           "percentile, at the same concurrency in the same run; the direct figures are the lower of two runs, one before "
           "and one after the proxies, so that a burst of other work on the box does not make a proxy look fast. "
           "*CPU µs/req* = the user and system time of the target's own processes (for direct: the upstream nginx's "
           "workers) during the run, per request: what a request costs the proxy itself, whoever else shares the cores.\n",
           f"Command: `{args.command}`\n", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in machine(args)]
    out.append("")
    targets(rows, out)
    out.append("## Load (wrk)\n")
    for name in ROWS:
        if name in rows:
            row_table(name, rows[name], out)
    streams(rows, out)
    jmh(args.jmh, out)
    with open(args.out, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
