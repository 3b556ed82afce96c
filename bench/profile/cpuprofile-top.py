#!/usr/bin/env python3
"""Top functions of a Node.js CPU profile (node --cpu-prof): self time and total time by function, and self time by
module file. Usage: cpuprofile-top.py PROFILE.cpuprofile [N]"""
import collections, json, os, sys

def main():
    profile = json.load(open(sys.argv[1]))
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    nodes = {node["id"]: node for node in profile["nodes"]}
    parent = {}
    for node in profile["nodes"]:
        for child in node.get("children", []):
            parent[child] = node["id"]

    def name(node):
        frame = node["callFrame"]
        url = frame.get("url") or ""
        where = url.split("node_modules/")[-1] if "node_modules/" in url else os.path.basename(url)
        return f'{frame["functionName"] or "(anonymous)"} {where}:{frame.get("lineNumber", -1) + 1}'

    def module(node):
        url = node["callFrame"].get("url") or "(native)"
        return url.split("node_modules/")[-1].split("/")[0] if "node_modules/" in url else os.path.basename(url) or "(native)"

    hits = collections.Counter(profile.get("samples", []))
    total_samples = sum(hits.values())
    self_f, total_f, mods = collections.Counter(), collections.Counter(), collections.Counter()
    for node_id, count in hits.items():
        node = nodes[node_id]
        self_f[name(node)] += count
        mods[module(node)] += count
        seen, cur = set(), node_id
        while cur is not None:
            label = name(nodes[cur])
            if label not in seen:
                total_f[label] += count
                seen.add(label)
            cur = parent.get(cur)
    print(f"{total_samples} samples")
    for title, counter in (("self, by function", self_f), ("self, by module", mods), ("total, by function", total_f)):
        print(f"\n== {title}")
        for k, v in counter.most_common(n):
            print(f"{100.0 * v / total_samples:6.1f}%  {k}")

main()
