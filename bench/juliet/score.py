#!/usr/bin/env python3
"""Scores ecg, flawfinder and cppcheck on the C test cases of the Juliet suite 1.3.

usage:
  score.py select SUITE CWE MAX            print up to MAX files of CWE, relative to SUITE
  score.py score WORK [--json OUT]         join the tools' output (WORK/<cwe>/, written by
                                           run.sh) with function extents; print the table
  score.py shapes SUITE [CWE...]           the sources and sinks of the bad cases (Markdown)

`score` exits 3 when a tool failed or timed out on some CWE (the table says where).

Stdlib only. A finding counts for a Juliet CWE only when one of its CWE ids is in that CWE's
FAMILY entry below; it is then mapped to the function whose extent holds its line. See
README.md beside this file for what is counted and why.
"""
import collections
import csv
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

# The CWEs the suite has in C on Linux, and for each the CWE ids that count as finding it.
# The same table applies to every tool. Juliet's CWE is always in its own set; beside it:
BUFFER = {119, 120, 121, 122, 129, 131, 135, 193, 680, 785, 786, 787, 788, 805, 806}
FAMILY = {
    78: {77, 78, 88},         # OS command injection, its parent and argument injection
    121: BUFFER,              # stack and heap overflows: any out-of-bounds write or read,
    122: BUFFER,              #   index (129), size computation (131, 135, 193, 680) ids
    134: {134},               # format string
    190: {190, 191, 680},     # integer overflow and underflow count for each other
    191: {190, 191, 680},
    242: {120, 242, 477, 676},  # gets: dangerous (242, 676), obsolete (477), unbounded (120)
    252: {252, 253, 754},     # unchecked or wrongly checked return value
    367: {362, 363, 367, 377},  # TOCTOU races and insecure temporary files (a race too)
    377: {362, 367, 377, 378, 379},
    401: {401, 771, 772},     # leaks: memory, missing reference, missing release
    415: {415, 416},          # double free and use after free count for each other
    416: {415, 416},
    476: {476, 690},          # NULL dereference, also when the NULL came from a call
    690: {252, 476, 690},
}
TOOLS = ("ecg", "flawfinder", "cppcheck")
CASE = re.compile(r"^(CWE\d+_.+_\d\d)([a-z]?)\.c$")
GOOD_VARIANT = re.compile(r"good(?:G2B|B2G)?\d*", re.IGNORECASE)
CWE_ID = re.compile(r"CWE-(\d+)")


def case_of(path):
    """The test case a file belongs to: its name less the sub-file letter (_51a.c, _51b.c)."""
    base = os.path.basename(path)
    m = CASE.match(base)
    return m.group(1) if m else base


def cwe_dir(suite, cwe):
    top = os.path.join(suite, "testcases")
    for name in sorted(os.listdir(top)):
        if name.startswith(f"CWE{cwe}_"):
            return os.path.join(top, name)
    raise SystemExit(f"score: no directory for CWE-{cwe} under {top}")


# ---------------------------------------------------------------- select

def select(suite, cwe, limit):
    """Whole test cases, evenly spaced over the sorted list, at most `limit` files in all."""
    cases = collections.OrderedDict()
    root = cwe_dir(suite, cwe)
    paths = []
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for f in files:
            if f.endswith(".c") and "w32" not in f:
                paths.append(os.path.relpath(os.path.join(base, f), suite))
    for p in sorted(paths):
        cases.setdefault(case_of(p), []).append(p)
    groups = list(cases.values())
    if sum(len(g) for g in groups) <= limit:
        return [p for g in groups for p in g]
    per_case = sum(len(g) for g in groups) / len(groups)
    k = min(len(groups), int(limit / per_case) + 1)
    while k > 0:
        picked = [groups[i * len(groups) // k] for i in range(k)]
        if sum(len(g) for g in picked) <= limit:
            return [p for g in picked for p in g]
        k -= 1
    return []


# ---------------------------------------------------------------- tool output

def load_functions(path):
    """file -> sorted [(start, end, name)] from `ecg metrics --format csv`.

    With a first_line column the extent is exact; without it the extent starts at the
    line of the name and is cut before the next function's name."""
    by_file = collections.defaultdict(list)
    if not os.path.exists(path):
        return by_file
    for r in csv.DictReader(open(path, newline="", errors="replace")):
        if r.get("kind") != "function" or not r.get("line"):
            continue
        first = int(r.get("first_line") or r["line"])
        lines = int(r.get("lines") or 1)
        by_file[os.path.normpath(r["path"])].append([first, first + lines - 1, r["function"]])
    for fns in by_file.values():
        fns.sort()
        for a, b in zip(fns, fns[1:]):
            a[1] = min(a[1], b[0] - 1)
    return by_file


def readable(reader):
    """Wraps a reader: a missing, empty or malformed output reads as None (a failed run)."""
    def read(path):
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            return None
        try:
            return reader(path)
        except (ValueError, KeyError, TypeError, IndexError, ET.ParseError):
            return None
    return read


@readable
def read_ecg(path):
    """[(file, line, cwes, rule)] from ecg's SARIF; rule CWEs come from its tags."""
    out = []
    log = json.load(open(path))
    for run in log.get("runs", []):
        rules = {}
        for r in run.get("tool", {}).get("driver", {}).get("rules", []):
            tags = r.get("properties", {}).get("tags", [])
            rules[r["id"]] = {int(t.rsplit("-", 1)[1]) for t in tags
                              if t.startswith("external/cwe/cwe-")}
        for res in run.get("results", []):
            for loc in res.get("locations", [])[:1]:
                phys = loc.get("physicalLocation", {})
                uri = phys.get("artifactLocation", {}).get("uri", "")
                line = phys.get("region", {}).get("startLine", 0)
                rule = res.get("ruleId", "")
                out.append((os.path.normpath(uri), line, rules.get(rule, set()), rule))
    return out


@readable
def read_flawfinder(path):
    """[(file, line, cwes, name)] from flawfinder --csv; CWEs like 'CWE-119!/CWE-120'."""
    out = []
    for r in csv.DictReader(open(path, newline="", errors="replace")):
        cwes = {int(c) for c in CWE_ID.findall(r.get("CWEs", ""))}
        out.append((os.path.normpath(r["File"]), int(r["Line"]), cwes, r.get("Name", "")))
    return out


@readable
def read_cppcheck(path):
    """[(file, line, cwes, id)] from cppcheck --xml: the first location is the primary one."""
    root = ET.parse(path).getroot()
    out = []
    for err in root.iter("error"):
        loc = err.find("location")
        if loc is None:
            continue
        cwe = int(err.get("cwe", "0") or 0)
        out.append((os.path.normpath(loc.get("file", "")), int(loc.get("line", "0")),
                    {cwe} if cwe else set(), err.get("id", "")))
    return out


READERS = {
    "ecg": ("ecg.sarif", read_ecg),
    "flawfinder": ("flawfinder.csv", read_flawfinder),
    "cppcheck": ("cppcheck.xml", read_cppcheck),
}


def read_status(path):
    """tool -> (rc, seconds, note) as run.sh recorded them."""
    status = {}
    if os.path.exists(path):
        for line in open(path):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                status[parts[0]] = (int(parts[1]), float(parts[2]),
                                    parts[3] if len(parts) > 3 else "")
    return status


# ---------------------------------------------------------------- score

FN_PREFIX = re.compile(r"^CWE\d+_.+_\d\d[a-z]?_")


def classify(case, name):
    """('bad', case), ('good', case, variant), ('dispatch', case) or None.

    A case's bad side is all its functions named bad (bad, badSink, badSource...); each good
    variant (goodG2B, goodB2G, good1...) is one unit with its helpers (goodG2BSink...). The
    <case>_good entry that only calls the variants is no unit of its own."""
    rest = FN_PREFIX.sub("", name)
    low = rest.lower()
    if "bad" in low:
        return ("bad", case)
    if "good" not in low:
        return None
    if rest == "good":
        return ("dispatch", case)
    return ("good", case, GOOD_VARIANT.search(rest).group(0).lower())


def enclosing(fns, line):
    for start, end, name in fns:
        if start <= line <= end:
            return name
        if start > line:
            break
    return None


def rates(fb, nb, fg, ng):
    recall = fb / nb if nb else 0.0
    good = fg / ng if ng else 0.0
    precision = fb / (fb + fg) if fb + fg else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"recall": recall, "good_rate": good, "precision": precision, "f1": f1}


def units_of(files, fns):
    """The bad and good units of the selected files, and the unit of each function."""
    fn_unit, bad, good = {}, set(), set()
    counts = collections.Counter()
    for f in files:
        for _, _, name in fns.get(f, []):
            u = classify(case_of(f), name)
            if u is None:
                continue
            fn_unit[(f, name)] = u
            counts[u[0] + "_functions"] += 1
            if u[0] == "bad":
                bad.add(u)
            elif u[0] == "good":
                good.add(u)
    return fn_unit, bad, good, counts


def score_tool(findings, family, files, fns, fn_unit):
    flagged, fn_flagged = set(), set()
    tally = collections.Counter(dict.fromkeys(
        ("findings", "matched", "outside_functions", "other_functions", "dispatchers"), 0))
    rules = collections.Counter()
    for f, line, cwes, rule in findings:
        if f not in files:
            continue
        tally["findings"] += 1
        if not cwes & family:
            continue
        tally["matched"] += 1
        name = enclosing(fns.get(f, []), line)
        u = fn_unit.get((f, name)) if name else None
        if name is None:
            tally["outside_functions"] += 1
        elif u is None:
            tally["other_functions"] += 1
        elif u[0] == "dispatch":
            tally["dispatchers"] += 1
            fn_flagged.add((u[0], f, name))
        else:
            flagged.add(u)
            fn_flagged.add((u[0], f, name))
            rules[f"{rule} ({u[0]})"] += 1
    return flagged, fn_flagged, tally, rules


def function_view(fn_flagged, counts):
    """The same findings counted per function: bad-named functions flagged of all of them,
    good-named ones (the <case>_good entries included) of all of them."""
    fb = sum(1 for k in fn_flagged if k[0] == "bad")
    fg = sum(1 for k in fn_flagged if k[0] != "bad")
    nb = counts["bad_functions"]
    ng = counts["good_functions"] + counts["dispatch_functions"]
    res = {"bad_flagged": fb, "bad_functions": nb, "good_flagged": fg, "good_functions": ng}
    res.update(rates(fb, nb, fg, ng))
    return res


def score_cwe(work, cwe):
    d = os.path.join(work, str(cwe))
    files = {os.path.normpath(x.strip()) for x in open(os.path.join(d, "files")) if x.strip()}
    fns = load_functions(os.path.join(d, "metrics.csv"))
    fn_unit, bad, good, counts = units_of(sorted(files), fns)
    status = read_status(os.path.join(d, "status"))
    out = {"files": len(files), "bad_units": len(bad), "good_units": len(good),
           "metrics_status": status.get("metrics", (0, 0.0, "missing"))[2], "tools": {}}
    for tool in TOOLS:
        name, reader = READERS[tool]
        rc, secs, note = status.get(tool, (-1, 0.0, "not run"))
        findings = reader(os.path.join(d, name)) if note in ("ok", "partial") else None
        if findings is None:
            out["tools"][tool] = {"failed": note if note not in ("ok", "partial") else
                                  "unreadable output", "seconds": secs}
            continue
        flagged, fn_flagged, tally, rules = score_tool(findings, FAMILY[cwe], files, fns,
                                                       fn_unit)
        fb, fg = len(flagged & bad), len(flagged & good)
        res = {"bad_flagged": fb, "good_flagged": fg, "seconds": secs, "status": note,
               "rules": dict(rules.most_common())}
        res.update(tally)
        res.update(rates(fb, len(bad), fg, len(good)))
        res["per_function"] = function_view(fn_flagged, counts)
        out["tools"][tool] = res
    return out


def overall(cwes):
    """Sums over the CWEs per tool (a CWE where the tool failed is left out and named)."""
    out = {}
    for tool in TOOLS:
        fb = nb = fg = ng = 0
        failed = []
        for cwe, r in cwes.items():
            t = r["tools"][tool]
            if "failed" in t:
                failed.append(cwe)
                continue
            fb, nb = fb + t["bad_flagged"], nb + r["bad_units"]
            fg, ng = fg + t["good_flagged"], ng + r["good_units"]
        res = {"bad_flagged": fb, "bad_units": nb, "good_flagged": fg, "good_units": ng,
               "failed_cwes": failed}
        res.update(rates(fb, nb, fg, ng))
        out[tool] = res
    return out


def targets(cwes, total):
    """ecg against the goals: F1 above the better peer and recall >= 80% on every CWE, and
    fewer than 5% of good units flagged overall. A tie at F1 1.00, which no tool can
    exceed, counts as met."""
    per = {}
    for cwe, r in cwes.items():
        e = r["tools"]["ecg"]
        peers = [r["tools"][t]["f1"] for t in TOOLS[1:] if "failed" not in r["tools"][t]]
        best = max(peers) if peers else 0.0
        ok = "failed" not in e
        per[cwe] = {"ecg_failed": not ok, "ecg_f1": e.get("f1", 0.0), "best_peer_f1": best,
                    "f1_above_peers": ok and (e["f1"] > best or e["f1"] == best == 1.0),
                    "recall_80": ok and e["recall"] >= 0.8}
    good = total["ecg"]["good_rate"]
    measured = total["ecg"]["good_units"] > 0
    return {"per_cwe": per, "good_rate": good, "good_below_5": measured and good < 0.05,
            "all_met": all(v["f1_above_peers"] and v["recall_80"] for v in per.values())
            and measured and good < 0.05 and not total["ecg"]["failed_cwes"]}


def pct(x):
    return f"{100 * x:5.1f}%"


def f1_verdict(v):
    if not v["f1_above_peers"]:
        return "NOT met"
    return "met (tie at 1.00)" if v["best_peer_f1"] >= 1.0 else "met"


def print_table(cwes, total, goals):
    head = (f"{'CWE':<5} {'tool':<10} {'recall':>7} {'good%':>7} {'prec':>5} {'F1':>5}"
            f" {'bad flagged':>12} {'good flagged':>13} {'matched':>8} {'secs':>6}")
    print(head)
    print("-" * len(head))
    for cwe, r in cwes.items():
        for i, tool in enumerate(TOOLS):
            t = r["tools"][tool]
            label = f"{cwe:<5}" if i == 0 else " " * 5
            if "failed" in t:
                print(f"{label} {tool:<10} failed: {t['failed']}")
                continue
            print(f"{label} {tool:<10} {pct(t['recall']):>7} {pct(t['good_rate']):>7}"
                  f" {t['precision']:5.2f} {t['f1']:5.2f}"
                  f" {t['bad_flagged']:>5}/{r['bad_units']:<6} {t['good_flagged']:>5}/"
                  f"{r['good_units']:<7} {t.get('matched', 0):>8} {t['seconds']:6.1f}")
    print("-" * len(head))
    for i, tool in enumerate(TOOLS):
        t = total[tool]
        label = "all  " if i == 0 else " " * 5
        note = f"  (failed on CWE {', '.join(map(str, t['failed_cwes']))})" \
            if t["failed_cwes"] else ""
        print(f"{label} {tool:<10} {pct(t['recall']):>7} {pct(t['good_rate']):>7}"
              f" {t['precision']:5.2f} {t['f1']:5.2f}"
              f" {t['bad_flagged']:>5}/{t['bad_units']:<6} {t['good_flagged']:>5}/"
              f"{t['good_units']:<7}{note}")
    print()
    print("ecg against the targets (F1 above the better peer, recall >= 80% per CWE;"
          " good flagged < 5% overall):")
    for cwe, v in goals["per_cwe"].items():
        if v["ecg_failed"]:
            print(f"  CWE-{cwe:<4} ecg failed: NOT met")
            continue
        print(f"  CWE-{cwe:<4} F1 {v['ecg_f1']:.2f} vs {v['best_peer_f1']:.2f}:"
              f" {f1_verdict(v):<17}"
              f"  recall: {'met' if v['recall_80'] else 'NOT met'}")
    print(f"  good flagged overall {pct(goals['good_rate']).strip()}:"
          f" {'met' if goals['good_below_5'] else 'NOT met'}")
    print(f"  all targets: {'met' if goals['all_met'] else 'NOT met'}")


def print_functions(cwes):
    print("Per function, as the issue's peer figures were counted (bad-named functions flagged;"
          " good-named ones, <case>_good entries included):")
    print(f"{'CWE':<5}" + "".join(f" {t + ' bad':>15} {'good':>6}" for t in TOOLS))
    for cwe, r in cwes.items():
        cells = []
        for tool in TOOLS:
            v = r["tools"][tool].get("per_function")
            cells.append(f" {pct(v['recall']):>15} {pct(v['good_rate']):>6}" if v else
                         f" {'failed':>15} {'':>6}")
        print(f"{cwe:<5}" + "".join(cells))
    print()


def score(work, json_out):
    cwes = {}
    for name in sorted(os.listdir(work), key=lambda n: (len(n), n)):
        if name.isdigit() and int(name) in FAMILY and \
                os.path.exists(os.path.join(work, name, "files")):
            cwes[int(name)] = score_cwe(work, int(name))
    if not cwes:
        raise SystemExit(f"score: nothing to score under {work}")
    total = overall(cwes)
    goals = targets(cwes, total)
    print_table(cwes, total, goals)
    print()
    print_functions(cwes)
    for cwe, r in cwes.items():
        if r["metrics_status"] not in ("ok", "partial"):
            print(f"warning: CWE-{cwe}: ecg metrics {r['metrics_status']}: no function extents",
                  file=sys.stderr)
    failed = [f"CWE-{cwe} {tool}" for cwe, r in cwes.items() for tool in TOOLS
              if "failed" in r["tools"][tool]]
    failed += [f"CWE-{cwe} metrics" for cwe, r in cwes.items()
               if r["metrics_status"] not in ("ok", "partial")]
    if json_out:
        summary = {"family": {str(k): sorted(v) for k, v in FAMILY.items()},
                   "cwes": {str(k): v for k, v in cwes.items()}, "overall": total,
                   "targets": goals}
        with open(json_out, "w") as fh:
            json.dump(summary, fh, indent=1, sort_keys=True, default=str)
            fh.write("\n")
    if failed:
        print(f"score: some runs failed: {', '.join(failed)}", file=sys.stderr)
        return 3
    return 0


# ---------------------------------------------------------------- shapes

HEADER_FIELD = re.compile(r"^\s*\*\s*(BadSource|Sinks?|BadSink)\s*:\s*(.*?)\s*$")
DEFINE = re.compile(r"^\s*#\s*define\s+([A-Z][A-Z0-9_]*)\s+([a-z_][a-z0-9_]*)\s*$")


def case_shape(paths):
    """The header fields of a case's first file, and the callees its files reach through
    macros (a '#define NAME callee' that the file calls; the last definition, the
    non-Windows one, wins)."""
    fields, used = {}, set()
    for i, path in enumerate(paths):
        text = open(path, errors="replace").read()
        for line in text.splitlines()[:30] if i == 0 else []:
            m = HEADER_FIELD.match(line)
            if m and m.group(1) not in fields:
                fields[m.group(1)] = m.group(2)
        defines = {}
        for line in text.splitlines():
            m = DEFINE.match(line)
            if m:
                defines[m.group(1)] = m.group(2)
        used |= {f"{k} -> {v}" for k, v in defines.items()
                 if not v.startswith("_") and re.search(rf"\b{k}\s*\(", text)}
    return fields, used


def variant_prefix(case):
    """The first word of the functional variant: a data type (char, int64_t...) or the
    sub-CWE of a buffer case (CWE805...)."""
    words = case.split("__", 1)[-1].split("_")
    if words[0] == "c" and len(words) > 1:
        words = words[1:]
    n = 2 if words[0] in ("wchar", "int64", "unsigned", "dest", "src") else 1
    if words[0] in ("dest", "src") and words[2:3] == ["t"]:
        n = 3
    return "_".join(words[:n])


def flow_kind(case):
    """Where a case's flaw flows, from its flow variant number (the user guide's table):
    01-18 and 31-34 within one function, 21 and 41-45 across functions of one file, 22, 51-54
    and 61-68 across files (the sink in a file of its own, its body the same as goodG2B's)."""
    n = int(case[-2:]) if case[-2:].isdigit() else 1
    if n <= 18 or 31 <= n <= 34:
        return "one function"
    if n == 21 or 41 <= n <= 45:
        return "functions of one file"
    return "several files"


def top(counter, n=8):
    return ", ".join(f"{k} ({v})" for k, v in counter.most_common(n)) or "none"


def shapes(suite, cwes):
    for cwe in cwes:
        cases = collections.OrderedDict()
        for base, dirs, files in os.walk(cwe_dir(suite, cwe)):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(".c") and "w32" not in f:
                    cases.setdefault(case_of(f), []).append(os.path.join(base, f))
        sources, sinks, bad_sinks, macros, kinds, flows = (collections.Counter()
                                                           for _ in range(6))
        for case, paths in cases.items():
            fields, used = case_shape(paths)
            src = fields.get("BadSource", "").split(" ", 1)
            sources[src[0] if "_" in src[0] or src[0].islower() else
                    " ".join(src)[:50] or "(none)"] += 1
            sinks[fields.get("Sinks", fields.get("Sink", "")) or "(see bad sink)"] += 1
            bad_sinks[fields.get("BadSink", "")[:70] or "(none)"] += 1
            macros.update(used)
            kinds[variant_prefix(case)] += 1
            flows[flow_kind(case)] += 1
        print(f"### CWE-{cwe}: {len(cases)} test cases in C (w32 excluded)\n")
        print(f"- variants by first word (type or sub-CWE): {top(kinds)}")
        print("- flaw flows within " + ", ".join(
            f"{k} {100 * v / len(cases):.0f}%" for k, v in flows.most_common()))
        print(f"- bad sources: {top(sources)}")
        print(f"- sinks: {top(sinks, 16)}")
        print(f"- bad sinks: {top(bad_sinks, 5)}")
        print(f"- callees reached through macros: {top(macros, 6)}\n")


def main(argv):
    if len(argv) >= 4 and argv[0] == "select":
        print("\n".join(select(argv[1], int(argv[2]), int(argv[3]))))
    elif len(argv) in (2, 4) and argv[0] == "score":
        json_out = argv[3] if len(argv) == 4 and argv[2] == "--json" else None
        if len(argv) == 4 and json_out is None:
            print(__doc__.strip(), file=sys.stderr)
            return 2
        return score(argv[1], json_out)
    elif len(argv) >= 2 and argv[0] == "shapes":
        shapes(argv[1], [int(c) for c in argv[2:]] or sorted(FAMILY))
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
