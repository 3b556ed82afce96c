#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples: self time (top frame) and total time (any frame), by method
and by package prefix. Usage: jfr-top.py RECORDING.jfr [N] [--threads]   (needs the JDK's `jfr` on the PATH)."""
import collections, json, subprocess, sys

def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 25
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_m, total_m, pkg, threads = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
        threads[e["values"]["sampledThread"]["javaName"] or "?"] += 1
        if not names:
            continue
        self_m[names[0]] += 1
        for m in set(names):
            total_m[m] += 1
        top = names[0].rsplit(".", 2)[0]
        pkg[".".join(top.split(".")[:3])] += 1
    total = len(events)
    print(f"{total} samples")
    for title, counter in (("self, by method", self_m), ("self, by package", pkg), ("total, by method", total_m)):
        print(f"\n== {title}")
        for k, v in counter.most_common(n):
            print(f"{100.0 * v / total:6.1f}%  {k}")
    if "--threads" in sys.argv:
        print("\n== by thread")
        for k, v in threads.most_common(n):
            print(f"{100.0 * v / total:6.1f}%  {k}")

main()
