#!/usr/bin/env python3
"""Turns bench/run.sh's raw figures (metric, system, repetition, value) into the Markdown results table.

    report.py <results.tsv> <machine.txt> <clients> [profile.md]

Every figure is the median over the repetitions; ratios are ratios of medians.
"""
import statistics, sys
from collections import defaultdict

tsv, machine, clients = sys.argv[1], sys.argv[2], sys.argv[3]
profile = sys.argv[4] if len(sys.argv) > 4 else None
values = defaultdict(list)
for line in open(tsv):
    metric, system, rep, value = line.rstrip("\n").split("\t")
    try:
        values[(metric, system)].append(float(value))
    except ValueError:
        pass


def med(metric, system="gateway"):
    v = values.get((metric, system))
    return statistics.median(v) if v else None


def spread(metric, system="gateway"):
    v = values.get((metric, system))
    return f"{min(v):g}–{max(v):g}" if v and len(v) > 1 else ""


def fmt(x, digits=1):
    if x is None:
        return "n/a"
    return f"{x:,.{digits}f}"


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "n/a"


def verdict(ok):
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


growth = [p - q for p, q in zip(values.get(("peak_rss_mib", "gateway"), []), values.get(("pre_rss_mib", "gateway"), []))]
growth_idle = [p - values[("idle_rss_mib", "gateway")][0] for p in values.get(("peak_rss_mib", "gateway"), [])] \
    if values.get(("idle_rss_mib", "gateway")) else []
g_med = statistics.median(growth) if growth else None
g_idle_med = statistics.median(growth_idle) if growth_idle else None

rows = []


def row(name, unit, metric, digits=1, with_nginx=True, with_direct=True):
    d, n, g = med(metric, "direct"), med(metric, "nginx"), med(metric, "gateway")
    rows.append(f"| {name} | {unit} | {fmt(d, digits) if with_direct else '–'} | {fmt(n, digits) if with_nginx else '–'} "
                f"| {fmt(g, digits)} | {ratio(g, n) if with_nginx else '–'} | {ratio(g, d) if with_direct else '–'} "
                f"| {spread(metric)} |")


row("Blob download, 1 client", "MB/s", "blob1_MBps")
row(f"Blob download, {clients} clients (aggregate)", "MB/s", f"blob{clients}_MBps")
row("Rewritten list by tag, rate", "req/s", "manifest_rps", 0)
row("Rewritten list by tag, p50", "ms", "manifest_p50_ms", 2)
row("Rewritten list by tag, p99", "ms", "manifest_p99_ms", 2)
row("Small blob with Basic on /v2, rate", "req/s", "smallblob_rps", 0)
row("Small blob with Basic on /v2, p99", "ms", "smallblob_p99_ms", 2)
row("Token issuance, repeat login, rate", "req/s", "token_rps", 0, False, False)
row("Token issuance, p99", "ms", "token_p99_ms", 2, False, False)
row("GET /v2/ with Basic, rate", "req/s", "base_rps", 0, False, False)
row("GET /v2/ with Basic, p99 (the floor: answered from memory)", "ms", "base_p99_ms", 2, False, False)
row("200-node pull, wall time", "s", "pull_wall_s", 2, False)
row("200-node pull, upstream requests", "", "pull_upstream_requests", 0, False)
row("200-node pull, upstream bytes", "MiB", "pull_upstream_MiB", 1, False)
row("200-node pull, upstream blob bytes (blob GETs)", "MiB", "pull_upstream_blob_MiB", 1, False)
row("200-node pull, the image's blob bytes (distinct blobs the nodes fetched)", "MiB", "pull_image_blob_MiB", 1, False)
row("200-node pull, failed nodes", "", "pull_failed", 0, False)
row("Start to ready, java -jar", "s", "ready_s", 2, False, False)
row("Start to ready, java -jar, CPU time (user+sys)", "s", "ready_cpu_s", 2, False, False)
row("Start to ready, unpacked with CDS archive (the image)", "s", "ready_cds_s", 2, False, False)
row("Start to ready, unpacked with CDS archive, CPU time", "s", "ready_cds_cpu_s", 2, False, False)

mem = [
    f"| Idle after start | {fmt(med('idle_rss_mib'), 0)} | {fmt(med('idle_heap_mib'), 0)} |",
    f"| Before the {clients}-client run | {fmt(med('pre_rss_mib'), 0)} | {fmt(med('pre_heap_mib'), 0)} |",
    f"| Peak during the {clients}-client run | {fmt(med('peak_rss_mib'), 0)} | {fmt(med('peak_heap_mib'), 0)} |",
    f"| Growth during the run (peak − before) | {fmt(g_med, 0)} | |",
    f"| Growth over idle (peak − idle after start) | {fmt(g_idle_med, 0)} | |",
]

b1 = (med("blob1_MBps"), med("blob1_MBps", "nginx"))
bn = (med(f"blob{clients}_MBps"), med(f"blob{clients}_MBps", "nginx"))
b1d = (med("blob1_MBps"), med("blob1_MBps", "direct"))
bnd = (med(f"blob{clients}_MBps"), med(f"blob{clients}_MBps", "direct"))
sb = (med("smallblob_rps"), med("smallblob_rps", "direct"))
pb = (med("pull_upstream_blob_MiB"), med("pull_image_blob_MiB"))
mr = (med("manifest_rps"), med("manifest_rps", "direct"))
p99 = med("manifest_p99_ms")
tok = med("token_rps")
ready = med("ready_cds_s")


def ok(cond, *xs):
    return None if any(x is None for x in xs) else cond


targets = [
    ("Blob throughput ≥ 0.9x nginx, 1 client", ratio(*b1), ok(b1[0] and b1[1] and b1[0] >= 0.9 * b1[1], *b1)),
    (f"Blob throughput ≥ 0.9x nginx, {clients} clients", ratio(*bn), ok(bn[0] and bn[1] and bn[0] >= 0.9 * bn[1], *bn)),
    ("Warm blob (a cache hit) ≥ 1.0x direct registry, 1 client", ratio(*b1d), ok(b1d[0] and b1d[1] and b1d[0] >= b1d[1], *b1d)),
    (f"Warm blob (a cache hit) ≥ 1.0x direct registry, {clients} clients", ratio(*bnd),
     ok(bnd[0] and bnd[1] and bnd[0] >= bnd[1], *bnd)),
    ("Small blob with Basic on /v2 ≥ 3x direct registry", ratio(*sb), ok(sb[0] and sb[1] and sb[0] >= 3 * sb[1], *sb)),
    ("200-node cold pull: upstream blob bytes ≤ 1.05x the image's blob bytes", ratio(*pb),
     ok(pb[0] is not None and pb[1] and pb[0] <= 1.05 * pb[1], *pb)),
    (f"Memory growth during the {clients}-client run < 64 MiB", f"{fmt(g_med, 0)} MiB (over idle: {fmt(g_idle_med, 0)} MiB)",
     ok(g_med is not None and g_med < 64, g_med)),
    ("Warm rewritten-list rate ≥ 1.5x direct registry", ratio(*mr), ok(mr[0] and mr[1] and mr[0] >= 1.5 * mr[1], *mr)),
    ("Rewritten-list p99 < 20 ms at 64 connections", f"{fmt(p99, 2)} ms", ok(p99 is not None and p99 < 20, p99)),
    ("Repeat-login token issuance ≥ 1,000/s", f"{fmt(tok, 0)}/s", ok(tok is not None and tok >= 1000, tok)),
    ("Ready in < 5 s (as the image starts: unpacked jar with CDS archive)", f"{fmt(ready, 2)} s (java -jar: {fmt(med('ready_s'), 2)} s)",
     ok(ready is not None and ready < 5, ready)),
]

print("# MetaHub Gateway benchmark results\n")
print("```")
print(open(machine).read().rstrip())
print("```\n")
print("Medians over the repetitions; each repetition alternates direct registry, nginx and gateway. "
      "Ratios are gateway/nginx and gateway/direct; the last column is the gateway's range over the repetitions.\n")
print("| Figure | Unit | Direct registry | nginx | Gateway | Gateway/nginx | Gateway/direct | Gateway range |")
print("|---|---|---:|---:|---:|---:|---:|---|")
print("\n".join(rows))
print("\n## Gateway memory\n")
print("| When | VmRSS (MiB) | Heap used (MiB) |")
print("|---|---:|---:|")
print("\n".join(mem))
print("\n## Targets\n")
print("| Target | Measured | Verdict |")
print("|---|---|---|")
for name, measured, good in targets:
    print(f"| {name} | {measured} | {verdict(good)} |")
if profile:
    print("\n## Profile (JFR execution samples of the gateway over the whole run)\n")
    print(open(profile).read().rstrip())
