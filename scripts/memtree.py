#!/usr/bin/env python3
"""Peak memory of a whole process tree (used for BENCHMARKS.md, issue 11 defect 13).

Usage: scripts/memtree.py COMMAND [ARGS...]

Runs a command and samples the resident memory of its whole process tree (the command
and every descendant, e.g. render workers) every 0.1 s from /proc; prints the peak of the
sum, the peak of the top process, and the wall time."""
import os, subprocess, sys, time

def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def children():
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(d))
            except OSError:
                pass
    return kids

cmd = sys.argv[1:]
start = time.time()
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
peak_sum = peak_top = 0
n = 0
while p.poll() is None:
    kids = children() if n % 5 == 0 else kids
    tree, stack = [], [p.pid]
    while stack:
        q = stack.pop(); tree.append(q); stack.extend(kids.get(q, []))
    total = sum(rss_kib(q) for q in tree)
    peak_sum = max(peak_sum, total); peak_top = max(peak_top, rss_kib(p.pid))
    n += 1
    time.sleep(0.1)
print(f"exit {p.returncode} wall {time.time()-start:.1f} s peak_tree {peak_sum/1024:.0f} MiB peak_main {peak_top/1024:.0f} MiB", flush=True)
