#!/usr/bin/env python3
"""Scores ecg's lock-free rules and cppcheck on the concurrency cases of the ITC benchmarks.

usage:
  score.py select SUITE                    print "W_FILE<TAB>WO_FILE<TAB>SUB-TYPE" for every
                                           concurrency file pair, relative to SUITE
  score.py variant SRC DST QUALIFIER       copy SRC to DST with every file-scope object of a
                                           plain arithmetic type declared QUALIFIER
                                           (volatile or _Atomic)
  score.py score WORK [--json OUT]         join the tools' output (WORK/<set>/, written by
                                           run.sh) with the ITC cases; print the tables

`score` exits 3 when a tool failed or timed out on some set (the table says which).

Stdlib only. A case is what ITC's dispatcher `<file>_main()` starts for one value of
`vflag`: its entry function and every function of the file it reaches by name (helpers and
the thread routines handed to pthread_create), with the file-scope objects they use. The
defect lines are the ones ITC marks `Tool should detect this line as error` (in
01.w_Defects) or `should not detect` / `No ERROR` (the same line of the correct version in
02.wo_Defects). README.md beside this file says what is counted and why.
"""
import collections
import csv
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

SETS = ("itc", "volatile", "atomic")   # the suite as published, then the two rewrites
MARK_BAD = re.compile(r"should\s+detect\s+this\s+line|/\*\s*ERROR\s*:", re.IGNORECASE)
MARK_GOOD = re.compile(r"should\s+not\s+detect|No\s+ERROR\s*:", re.IGNORECASE)
SUBTYPE = re.compile(r"Defect\s+Sub-type:\s*(.+)")
DEFTYPE = re.compile(r"Defect\s+Type:\s*(.+)")
IDENT = re.compile(r"[A-Za-z_]\w*")
ATOMIC_CALL = re.compile(r"\b(?:atomic_\w+|__atomic_\w+|__sync_\w+|__c11_atomic_\w+)\s*\(")
QUALIFIED = re.compile(r"\b(?:volatile|_Atomic)\b")
ARITH = (r"(?:(?:unsigned|signed|short|long|int|char|float|double|_Bool)\s+)*"
         r"(?:unsigned|signed|short|long|int|char|float|double|_Bool)")
# A file-scope definition of one object of arithmetic type: `int x = 0;`, `float d;`,
# `unsigned long n, m;` (no pointer, array, function, typedef or storage class).
PLAIN_OBJECT = re.compile(r"^(" + ARITH + r")(\s+[A-Za-z_]\w*\s*(?:=[^;,]*)?"
                          r"(?:,\s*[A-Za-z_]\w*\s*(?:=[^;,]*)?)*;)")
# cppcheck findings that count: its defects (severity error or warning), not its style,
# performance or portability remarks, and not its own trouble reading a configuration.
CPPCHECK_SEVERITIES = {"error", "warning"}
CPPCHECK_NOISE = {"syntaxError", "internalAstError", "preprocessorErrorDirective",
                  "missingInclude", "missingIncludeSystem", "unknownMacro"}


# ---------------------------------------------------------------- select and variant

def header_of(path):
    with open(path, errors="replace") as f:
        head = f.read(2000)
    kind = DEFTYPE.search(head)
    sub = SUBTYPE.search(head)
    return (kind.group(1).strip() if kind else "",
            sub.group(1).strip() if sub else "")


def select(suite):
    """Pairs of 01.w_Defects/X.c and 02.wo_Defects/X.c whose defect is a concurrency one:
    ITC's 'Concurrency defects' type, and the stack defect that involves threads."""
    bad_dir = os.path.join(suite, "01.w_Defects")
    for name in sorted(os.listdir(bad_dir)):
        if not name.endswith(".c"):
            continue
        kind, sub = header_of(os.path.join(bad_dir, name))
        if "concurrency" not in kind.lower() and "thread" not in sub.lower():
            continue
        good = os.path.join("02.wo_Defects", name)
        if not os.path.exists(os.path.join(suite, good)):
            print(f"score: {name} has no correct version", file=sys.stderr)
            continue
        print(f"01.w_Defects/{name}\t{good}\t{sub or kind}")


def variant(src, dst, qualifier):
    """Rewrites the plain arithmetic objects defined at file scope: `int x = 0;` becomes
    `QUALIFIER int x = 0;`. Nothing else changes, so every line keeps its number."""
    out, depth = [], 0
    with open(src, errors="replace") as f:
        lines = f.read().split("\n")
    for line in lines:
        if depth == 0 and PLAIN_OBJECT.match(line):
            line = f"{qualifier} {line}"
        out.append(line)
        depth = max(0, depth + line.count("{") - line.count("}"))
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "w") as f:
        f.write("\n".join(out))


# ---------------------------------------------------------------- the cases of a file

def strip_comments(text):
    """The text with comments and string literals blanked, line breaks kept."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    return re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                  blank, text, flags=re.DOTALL)


def load_functions(path):
    """{file: [(first, last, name)]} from `ecg metrics --format csv`."""
    fns = collections.defaultdict(list)
    if not os.path.exists(path):
        return fns
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row.get("kind") != "function":
                continue
            first = int(row.get("first_line") or row["line"])
            last = int(row["line"]) + max(int(row["lines"] or 1), 1) - 1
            fns[row["path"]].append((first, last, row["function"]))
    for spans in fns.values():
        spans.sort()
    return fns


def marked_lines(lines, pattern):
    """Lines marked by ITC; a marker alone on its line marks the next line with code."""
    marked = set()
    for i, text in enumerate(lines, 1):
        if not pattern.search(text):
            continue
        marked.add(i)
        if not strip_comments(text).strip():
            j = i
            while j < len(lines) and not strip_comments(lines[j]).strip():
                j += 1
            marked.add(j + 1)
    return marked


def dispatch(body):
    """[(case number, [called names])] from the `if (vflag == N ...) { ... }` blocks."""
    cases = []
    for m in re.finditer(r"if\s*\(([^)]*vflag[^)]*)\)\s*\{([^}]*)\}", body):
        nums = [int(n) for n in re.findall(r"vflag\s*==\s*(\d+)", m.group(1))
                if int(n) != 888]
        number = nums[0] if nums else len(cases) + 1
        cases.append((number, re.findall(r"([A-Za-z_]\w*)\s*\(", m.group(2))))
    return cases


class Source:
    """One ITC file: its functions, cases, marked lines and file-scope objects."""

    def __init__(self, root, rel, spans, bad):
        with open(os.path.join(root, rel), errors="replace") as f:
            raw = f.read()
        self.rel = rel
        self.lines = raw.split("\n")
        code = strip_comments(raw).split("\n")
        self.spans = spans
        self.body = {name: "\n".join(code[a - 1:b]) for a, b, name in spans}
        self.marked = marked_lines(self.lines, MARK_BAD if bad else MARK_GOOD)
        self.globals = self.file_scope(code)
        self.cases = self.find_cases()

    def file_scope(self, code):
        """{name: (line, qualified)} for identifiers declared outside every function."""
        inside = set()
        for a, b, _ in self.spans:
            inside.update(range(a, b + 1))
        found = {}
        for i, text in enumerate(code, 1):
            if i in inside or text.lstrip().startswith("#"):
                continue
            qualified = bool(QUALIFIED.search(text))
            for m in re.finditer(r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*(?==|;|,)", text):
                found.setdefault(m.group(1), (i, qualified))
        return found

    def find_cases(self):
        """{number: case} where a case holds its functions, lines and objects."""
        names = {name for _, _, name in self.spans}
        entry_fn = [n for n in names if re.search(r"\bvflag\b", self.body[n])]
        cases = {}
        for fn in entry_fn:
            for number, called in dispatch(self.body[fn]):
                todo = [c for c in called if c in names]
                reach = set()
                while todo:
                    cur = todo.pop()
                    if cur in reach or cur in entry_fn:
                        continue
                    reach.add(cur)
                    todo.extend(i for i in set(IDENT.findall(self.body[cur]))
                                if i in names)
                cases[number] = self.make_case(number, reach)
        return cases

    def make_case(self, number, reach):
        lines = set()
        used = set()
        for a, b, name in self.spans:
            if name in reach:
                lines.update(range(a, b + 1))
                used.update(IDENT.findall(self.body[name]))
        objects = {n for n in used if n in self.globals and n not in reach}
        decl = {self.globals[n][0] for n in objects}
        marked = sorted(lines & self.marked)
        return {"number": number, "functions": sorted(reach), "lines": lines,
                "decl": decl, "marked": marked,
                "in_scope": self.in_scope(marked or sorted(lines), objects)}

    def in_scope(self, lines, objects):
        """Nonzero when the defect lines (all lines of a case with none marked) perform an
        atomic operation or use a volatile or _Atomic object of the file: the domain of the
        lock-free rules."""
        qualified = {n for n in objects if self.globals[n][1]}
        for i in lines:
            code = strip_comments(self.lines[i - 1])
            if ATOMIC_CALL.search(code) or qualified & set(IDENT.findall(code)):
                return True
        return False

    def case_at(self, line):
        """The cases a line belongs to: by function extent, else by a declaration."""
        hit = [c for c in self.cases.values() if line in c["lines"]]
        return hit or [c for c in self.cases.values() if line in c["decl"]]


# ---------------------------------------------------------------- the tools' output

def sarif_line(loc):
    phys = loc.get("physicalLocation", {})
    uri = phys.get("artifactLocation", {}).get("uri", "")
    return uri, phys.get("region", {}).get("startLine", 0)


def read_ecg(path):
    """[(rule, file, line, [(file, line)] of every location)] from ecg's SARIF."""
    out = []
    with open(path) as f:
        log = json.load(f)
    for run in log.get("runs", []):
        for res in run.get("results", []):
            locs = [sarif_line(loc) for loc in res.get("locations", [])]
            related = [sarif_line(loc) for loc in res.get("relatedLocations", [])]
            if not locs:
                continue
            out.append((res.get("ruleId", "?"), locs[0][0], locs[0][1], locs + related))
    return out


def read_cppcheck(path):
    """The same shape from cppcheck --xml: the first <location> is the primary one."""
    out = []
    for err in ET.parse(path).getroot().iter("error"):
        if err.get("id") in CPPCHECK_NOISE or err.get("severity") not in CPPCHECK_SEVERITIES:
            continue
        locs = [(os.path.normpath(loc.get("file", "")), int(loc.get("line", 0)))
                for loc in err.iter("location")]
        if locs:
            out.append((err.get("id"), locs[0][0], locs[0][1], locs))
    return out


def read_status(path):
    status = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 4:
                    status[parts[0]] = {"rc": int(parts[1]), "seconds": float(parts[2]),
                                        "note": parts[3]}
    return status


# ---------------------------------------------------------------- scoring

def judge(src, findings):
    """Per case of one file: rules whose finding lies on a marked line of the case (or, for
    a case with no marked line, anywhere in it), and rules with a finding elsewhere in it.
    Also the findings in no case at all."""
    on_line = collections.defaultdict(set)
    in_case = collections.defaultdict(set)
    outside = []
    for rule, path, line, locs in findings:
        if os.path.normpath(path) != src.rel:
            continue
        hit = src.case_at(line)
        if not hit:
            outside.append({"rule": rule, "line": line})
        for case in hit:
            in_case[case["number"]].add(rule)
        for case in src.cases.values():
            marked = set(case["marked"]) or case["lines"]
            if any(os.path.normpath(p) == src.rel and ln in marked for p, ln in locs):
                on_line[case["number"]].add(rule)
    return on_line, in_case, outside


def score_pair(root, bad, good, sub, fns, tools):
    """The row of one ITC sub-type: cases, in-scope cases, and per tool its counts."""
    src_bad = Source(root, bad, fns.get(bad, []), True)
    src_good = Source(root, good, fns.get(good, []), False)
    cases = sorted(src_bad.cases)
    row = {"subtype": sub, "file": os.path.basename(bad), "cases": len(cases),
           "in_scope": sum(1 for n in cases if src_bad.cases[n]["in_scope"]),
           "unmarked": [n for n in cases if not src_bad.cases[n]["marked"]],
           "tools": {}}
    for tool, findings in tools.items():
        hit, near, out_bad = judge(src_bad, findings)
        on_line, in_case, out_good = judge(src_good, findings)
        # ecg: every finding in a correct case is a false alarm (each of its lockfree rules
        # claims a concurrency defect); cppcheck: only one on the marked line, the rest of its
        # findings being about other things (formats, lifetimes, style).
        flagged = in_case if tool == "ecg" else on_line
        row["tools"][tool] = {
            "detected": sorted(n for n in cases if hit.get(n)),
            "nearby": sorted(n for n in cases if near.get(n) and not hit.get(n)),
            "false_alarms": sorted(n for n in src_good.cases if flagged.get(n)),
            "outside_cases": {"bad": out_bad, "good": out_good},
            "rules": sorted(set().union(*hit.values(), *near.values(),
                                        *flagged.values())),
        }
    return row


def load_set(work, name):
    d = os.path.join(work, name)
    if not os.path.exists(os.path.join(d, "files")):
        return None
    with open(os.path.join(d, "files")) as f:
        pairs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    with open(os.path.join(d, "root")) as f:
        root = f.read().strip()
    status = read_status(os.path.join(d, "status"))
    tools = {}
    for tool, out, reader in (("ecg", "ecg.sarif", read_ecg),
                              ("cppcheck", "cppcheck.xml", read_cppcheck)):
        ok = status.get(tool, {}).get("note") in ("ok", "partial")
        if ok and os.path.exists(os.path.join(d, out)):
            tools[tool] = reader(os.path.join(d, out))
    fns = load_functions(os.path.join(d, "metrics.csv"))
    rows = [score_pair(root, b, g, s, fns, tools) for b, g, s in pairs]
    return {"set": name, "status": status, "rows": rows,
            "tools": sorted(tools, key=lambda t: t != "ecg")}


def cell(v):
    return f"{len(v)}" if isinstance(v, list) else str(v)


def print_set(result):
    tools = result["tools"]
    print(f"\n== {result['set']}: " + ", ".join(
        f"{t} {s['note']} ({s['seconds']:.1f} s)" for t, s in result["status"].items()))
    head = f"{'sub-type':<28}{'cases':>6}{'scope':>6}"
    for t in tools:
        head += f"  {t + ' det':>12}{'near':>5}{'FA':>4}"
    print(head + "  rules / ids that fired")
    print("-" * (len(head) + 24))
    total = collections.Counter()
    for row in result["rows"]:
        line = f"{row['subtype'][:27]:<28}{row['cases']:>6}{row['in_scope']:>6}"
        fired = []
        for t in tools:
            r = row["tools"][t]
            line += (f"  {len(r['detected']):>12}{len(r['nearby']):>5}"
                     f"{len(r['false_alarms']):>4}")
            fired += [f"{t}:{x}" for x in r["rules"]]
            total[t + "det"] += len(r["detected"])
            total[t + "near"] += len(r["nearby"])
            total[t + "fa"] += len(r["false_alarms"])
        if row["in_scope"] == 0:
            fired.append("(out of scope: no atomic operation or volatile/_Atomic object"
                         " on its defect lines)")
        print(line + "  " + (" ".join(fired) or "-"))
        total["cases"] += row["cases"]
        total["scope"] += row["in_scope"]
    line = f"{'all':<28}{total['cases']:>6}{total['scope']:>6}"
    for t in tools:
        line += f"  {total[t + 'det']:>12}{total[t + 'near']:>5}{total[t + 'fa']:>4}"
    print(line)
    for row in result["rows"]:
        for t in tools:
            out = row["tools"][t]["outside_cases"]
            for side in ("bad", "good"):
                for f in out[side]:
                    print(f"  {t}: {row['file']} ({side}) line {f['line']}: {f['rule']}"
                          " (in no case)")


def score(work, json_out):
    results = [r for r in (load_set(work, s) for s in SETS) if r]
    if not results:
        raise SystemExit(f"score: nothing to score under {work}")
    print("det: cases of the with-defects file with a finding on a marked defect line (or,"
          " for a case\nwith no marked line, in the case); near: a finding in the case but"
          " not on that line; FA:\ncases of the correct file with a finding (cppcheck: on"
          " its marked line). scope: cases\nwhose defect lines use an atomic operation or a"
          " volatile or _Atomic object. cppcheck:\nerrors and warnings only.")
    for result in results:
        print_set(result)
    if json_out:
        with open(json_out, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
    failed = any(s["note"] not in ("ok", "partial")
                 for r in results for s in r["status"].values())
    return 3 if failed else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "select":
        select(argv[2])
        return 0
    if len(argv) == 5 and argv[1] == "variant":
        variant(argv[2], argv[3], argv[4])
        return 0
    if len(argv) in (3, 5) and argv[1] == "score":
        json_out = argv[4] if len(argv) == 5 and argv[3] == "--json" else None
        return score(argv[2], json_out)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
