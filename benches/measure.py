#!/usr/bin/env python3
"""Runs a command several times as a whole process; prints the median wall time in seconds and
the largest peak resident memory in KiB of the runs (after one warm-up run).

    python3 benches/measure.py RUNS COMMAND [ARG ...]
"""
import os, subprocess, sys, time

runs = int(sys.argv[1])
cmd = sys.argv[2:]
times, peak = [], 0
for i in range(runs + 1):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if i == 0:
        continue  # warm-up: page cache, binary loaded
    times.append(elapsed)
    peak = max(peak, usage.ru_maxrss)
times.sort()
print(f"{times[len(times) // 2]:.4f} {peak}")
