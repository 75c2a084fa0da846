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
        rel = os.path.relpath(os.path.join(src, r["path"]), src)
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


DEFINE = re.compile(r"^\s*#\s*define\s+(\w+)\(")
DECISION = re.compile(r"&&|\|\||\?|\b(if|for|while|case)\b")


def function_like_macros(src):
    """Names of the function-like macros the project defines, in any .c or .h file."""
    names = set()
    for base, _, files in os.walk(src):
        for f in files:
            if f.endswith((".c", ".h")):
                for line in open(os.path.join(base, f), errors="replace"):
                    m = DEFINE.match(line)
                    if m:
                        names.add(m.group(1))
    return names


def macro_arguments_with_decisions(text, macros):
    """Nonzero when a project macro is invoked with a decision inside its arguments."""
    for m in re.finditer(r"\b(\w+)\s*\(", text):
        if m.group(1) not in macros:
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth > 0:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        if DECISION.search(text[m.end():i - 1]):
            return True
    return False


def classify(src, rel, first, count, lines_cache, macros):
    if rel not in lines_cache:
        try:
            lines_cache[rel] = open(os.path.join(src, rel), errors="replace").read().split("\n")
        except OSError:
            lines_cache[rel] = []
    body = lines_cache[rel][first - 1:first - 1 + count]
    if any(PREPROCESSOR.match(l) for l in body):
        return "#if/#ifdef in the body: pmccabe counts branches the build compiles out"
    if macro_arguments_with_decisions("\n".join(body), macros):
        return ("a decision inside a macro's arguments: the build's macro drops it "
                "(assert, testcase) or pmccabe reads text the macro turns into other code")
    if any(re.search(r"\b(\w+)\s*\(", l) and re.search(r"\b(\w+)\s*\(", l).group(1) in macros
           for l in body):
        return "a macro invocation: decisions its body expands to count only when expanded"
    return "other"


def main():
    name, src, ecg_csv, pm_out, show = sys.argv[1:6]
    ecg = load_ecg(ecg_csv, src)
    pm = load_pmccabe(pm_out, src)
    common = sorted(set(ecg) & set(pm))
    agree = [k for k in common if ecg[k] == pm[k][0]]
    cache, reasons, examples = {}, {}, []
    macros = function_like_macros(src)
    for k in common:
        if ecg[k] == pm[k][0]:
            continue
        why = classify(src, k[0], pm[k][1], pm[k][2], cache, macros)
        reasons[why] = reasons.get(why, 0) + 1
        examples.append((k, ecg[k], pm[k][0], why))
    share = 100.0 * len(agree) / len(common) if common else 0.0
    print(f"{name}: {len(common)} functions matched (ecg {len(ecg)}, pmccabe {len(pm)}); "
          f"cyclomatic agrees on {len(agree)} = {share:.2f}%")
    # Functions whose text both tools read the same way: no #if in the body and no decision
    # inside a macro's arguments.
    same = [k for k in common
            if classify(src, k[0], pm[k][1], pm[k][2], cache, macros).startswith(("a macro inv", "other"))]
    same_agree = sum(1 for k in same if ecg[k] == pm[k][0])
    if same:
        print(f"  where both read the same code ({len(same)} functions): "
              f"{100.0 * same_agree / len(same):.2f}% agree")
    for why, n in sorted(reasons.items(), key=lambda x: -x[1]):
        print(f"  {n:5d} {why}")
    for (rel, fn, line), e, p, why in examples[:int(show)]:
        print(f"    {rel}:{line} {fn}: ecg {e}, pmccabe {p} -- {why}")


main()
