"""Joins `ecg metrics --format csv` with pmccabe's output and reports agreement.

usage: metrics_compare.py NAME SRC ECG_CSV PMCCABE_OUT SHOW

Functions are matched by (file, function name, line of the name). For each disagreement on
cyclomatic complexity the function's text is classified by the feature the two tools read
differently; see docs/metrics.md.
"""
import csv
import os
import re
import sys

PREPROCESSOR = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|else)\b")
PMCCABE_LINE = re.compile(r"^(\d+)\t(\d+)\t(\d+)\t(\d+)\t(\d+)\t(.*)\((\d+)\): (.*)$")


def load_ecg(path, src):
    rows = {}
    for r in csv.DictReader(open(path, newline="")):
        if r.get("kind", "function") != "function":
            continue
        rel = os.path.relpath(os.path.join(src, r["file"]), src)
        rows[(rel, r["function"], int(r["line"]))] = int(r["cyclomatic"])
    return rows


def load_pmccabe(path, src):
    rows = {}
    for line in open(path, errors="replace"):
        m = PMCCABE_LINE.match(line.rstrip("\n"))
        if not m:
            continue
        rel = os.path.relpath(os.path.join(src, m.group(6)), src)
        key = (rel, m.group(8), int(m.group(7)))
        rows[key] = (int(m.group(2)), int(m.group(4)), int(m.group(5)))
    return rows


def classify(src, rel, first, count, lines_cache):
    if rel not in lines_cache:
        try:
            lines_cache[rel] = open(os.path.join(src, rel), errors="replace").read().split("\n")
        except OSError:
            lines_cache[rel] = []
    body = lines_cache[rel][first - 1:first - 1 + count]
    if any(PREPROCESSOR.match(l) for l in body):
        return "preprocessor conditional in the body (pmccabe counts every branch)"
    if any(re.search(r"\b[A-Z_][A-Z0-9_]{2,}\s*\(", l) for l in body):
        return "macro invocation in the body (decisions inside a macro's expansion)"
    return "other"


def main():
    name, src, ecg_csv, pm_out, show = sys.argv[1:6]
    ecg = load_ecg(ecg_csv, src)
    pm = load_pmccabe(pm_out, src)
    common = sorted(set(ecg) & set(pm))
    agree = [k for k in common if ecg[k] == pm[k][0]]
    cache, reasons, examples = {}, {}, []
    for k in common:
        if ecg[k] == pm[k][0]:
            continue
        why = classify(src, k[0], pm[k][1], pm[k][2], cache)
        reasons[why] = reasons.get(why, 0) + 1
        examples.append((k, ecg[k], pm[k][0], why))
    share = 100.0 * len(agree) / len(common) if common else 0.0
    print(f"{name}: {len(common)} functions matched (ecg {len(ecg)}, pmccabe {len(pm)}); "
          f"cyclomatic agrees on {len(agree)} = {share:.2f}%")
    for why, n in sorted(reasons.items(), key=lambda x: -x[1]):
        print(f"  {n:5d} {why}")
    for (rel, fn, line), e, p, why in examples[:int(show)]:
        print(f"    {rel}:{line} {fn}: ecg {e}, pmccabe {p} -- {why}")


main()
