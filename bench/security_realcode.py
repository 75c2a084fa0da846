#!/usr/bin/env python3
"""Summarises bench/security-realcode.sh: findings per rule and per 1,000 lines, the wall
time of the security family against the floor, and (with a sample size) a spread sample
of findings with their source lines for triage.

usage: security_realcode.py WORK SAMPLE
WORK holds projects.tsv (name, source directory) and, per project, security.sarif and
results (lines "tool wall_s peak_kib").
"""
import collections
import hashlib
import json
import os
import statistics
import sys


def analysed_files(src):
    """The compile database's .c files and the headers beside them: where findings land."""
    with open(os.path.join(src, "compile_commands.json")) as f:
        entries = json.load(f)
    files, dirs = set(), set()
    for e in entries:
        path = e["file"]
        if not os.path.isabs(path):
            path = os.path.join(e["directory"], path)
        path = os.path.realpath(path)
        files.add(path)
        dirs.add(os.path.dirname(path))
    for d in dirs:
        for name in os.listdir(d):
            if name.endswith(".h"):
                files.add(os.path.join(d, name))
    return files, len(entries)


def count_lines(files):
    total = 0
    for path in files:
        with open(path, "rb") as f:
            total += f.read().count(b"\n")
    return total


def sarif_findings(path, src):
    with open(path) as f:
        log = json.load(f)
    out = []
    for run in log["runs"]:
        bases = {k: v["uri"] for k, v in run.get("originalUriBaseIds", {}).items()}
        for r in run["results"]:
            loc = r["locations"][0]["physicalLocation"]
            uri = loc["artifactLocation"]["uri"]
            base = bases.get(loc["artifactLocation"].get("uriBaseId"), "")
            if base.startswith("file://"):
                uri = os.path.join(base[len("file://"):], uri)
            elif not os.path.isabs(uri):
                uri = os.path.join(src, uri)
            out.append({"rule": r["ruleId"], "level": r.get("level", "warning"),
                        "file": uri, "line": loc["region"]["startLine"],
                        "message": r["message"]["text"]})
    return out


def timings(path):
    rows = collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                rows[parts[0]].append(float(parts[1]))
    return {k: statistics.median(v) for k, v in rows.items()}, len(rows.get("floor", []))


def print_project(name, src, work):
    files, units = analysed_files(src)
    lines = count_lines(files)
    findings = sarif_findings(os.path.join(work, name, "security.sarif"), src)
    per_rule = collections.Counter(f["rule"] for f in findings)
    kloc = lines / 1000.0
    print(f"{name}: {units} units, {lines:,} lines in {len(files)} files "
          f"(.c of the compile database and the .h beside them)")
    print(f"  {'rule':<34} {'findings':>8} {'per kLOC':>9}")
    for rule, n in sorted(per_rule.items()):
        print(f"  {rule:<34} {n:8d} {n / kloc:9.3f}")
    print(f"  {'all security rules':<34} {len(findings):8d} {len(findings) / kloc:9.3f}")
    med, rounds = timings(os.path.join(work, name, "results"))
    floor = med.get("floor")
    if floor:
        print(f"  wall time, median of {rounds} interleaved rounds: floor {floor:.2f} s, "
              f"ecg no rules {med['ecg-no-rules']:.2f} s ({med['ecg-no-rules'] / floor:.2f}x), "
              f"ecg security {med['ecg-security']:.2f} s ({med['ecg-security'] / floor:.2f}x)")
    return findings


def spread_sample(findings, size):
    """size findings, round-robin over (project, rule), each group in a stable hashed order."""
    groups = collections.OrderedDict()
    for f in sorted(findings, key=lambda f: (f["project"], f["rule"])):
        groups.setdefault((f["project"], f["rule"]), []).append(f)
    for key in groups:
        groups[key].sort(key=lambda f: hashlib.sha1(
            f"{f['file']}:{f['line']}:{f['message']}".encode()).hexdigest())
    picked = []
    while len(picked) < size and any(groups.values()):
        for key in list(groups):
            if groups[key] and len(picked) < size:
                picked.append(groups[key].pop(0))
    return picked


def print_sample(picked, work):
    path = os.path.join(work, "sample.txt")
    with open(path, "w") as out:
        for i, f in enumerate(picked, 1):
            out.write(f"## {i}. {f['project']} {os.path.relpath(f['file'], f['src'])}:"
                      f"{f['line']} {f['rule']} ({f['level']})\n{f['message']}\n")
            with open(f["file"], errors="replace") as src:
                text = src.read().split("\n")
            lo, hi = max(1, f["line"] - 3), min(len(text), f["line"] + 3)
            for n in range(lo, hi + 1):
                out.write(f"{n:6d}{'>' if n == f['line'] else ' '} {text[n - 1]}\n")
            out.write("\n")
    print(f"sample of {len(picked)} findings with their source: {path}")


def main():
    work, size = sys.argv[1], int(sys.argv[2])
    everything = []
    with open(os.path.join(work, "projects.tsv")) as f:
        projects = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for name, src in projects:
        for finding in print_project(name, src, work):
            finding.update(project=name, src=src)
            everything.append(finding)
    if size > 0:
        print_sample(spread_sample(everything, size), work)


if __name__ == "__main__":
    main()
