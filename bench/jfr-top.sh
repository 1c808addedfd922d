#!/usr/bin/env bash
# Summarises a JFR recording's execution samples: top frames (self) and top org.metahub frames (in stack).
#   jfr-top.sh <recording.jfr> [top-n]
set -euo pipefail
JFR=$1 N=${2:-15}
jfr print --stack-depth 64 --events jdk.ExecutionSample "$JFR" | python3 -c '
import re, sys, collections
n = int(sys.argv[1])
top, ours, total, stack, in_stack = collections.Counter(), collections.Counter(), 0, [], False
def flush():
    global total
    if stack:
        total += 1
        top[stack[0]] += 1
        for f in dict.fromkeys(f for f in stack if "org.metahub" in f):
            ours[f] += 1
for line in sys.stdin:
    s = line.strip()
    if s.startswith("jdk.ExecutionSample"):
        flush(); stack = []; in_stack = False
    elif s.startswith("stackTrace = ["):
        in_stack = True
    elif in_stack and s == "]":
        in_stack = False
    elif in_stack and s and s != "...":
        stack.append(re.sub(r"\s+line:.*", "", s))
flush()
print(f"{total} samples.\n")
print("| Self samples | Share | Top frame |\n|---:|---:|---|")
for f, c in top.most_common(n):
    print(f"| {c} | {100*c/max(total,1):.1f}% | `{f}` |")
print("\n| Samples in stack | Share | MetaHub frame |\n|---:|---:|---|")
for f, c in ours.most_common(n):
    print(f"| {c} | {100*c/max(total,1):.1f}% | `{f}` |")
' "$N"
