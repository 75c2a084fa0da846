#!/usr/bin/env bash
# End-to-end: SARIF logs of ecg check, each validated against the SARIF 2.1.0 schema -- the
# full profile (suppressions on every result, fixes), the github profile (no suppressed
# results or fixes; primaryLocationLineHash on every result, equal to an independent
# implementation of GitHub's algorithm below), --sarif-help-uri, --sarif-category, a unit
# that does not compile, byte-identical reruns, and code point columns on non-ASCII lines.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1
mkdir .io/logs

if [ -z "${ECG_SARIF_SCHEMA:-}" ] || [ ! -f "${ECG_SARIF_SCHEMA:-}" ]; then
    e2e_fail "ECG_SARIF_SCHEMA='${ECG_SARIF_SCHEMA:-}' is not a file"
    e2e_finish
fi

# Line 7 is suppressed; line 8's sprintf into an array has a fix; line 9 is a plain finding.
write_file src/copy.c <<'EOF'
#include <stdio.h>
#include <string.h>

void copy(char *d, const char *s)
{
    char buf[8];
    strcpy(d, s); // NOLINT(security-banned-function): d is large enough
    sprintf(buf, "%s", s);
	strcpy(d, s);
}
EOF
# CRLF line breaks, blank-only lines, a tab, and twelve identical lines: the first five are
# followed by the same 100 characters, so they share a hash, counted :1 to :5.
{
    printf '#include <string.h>\r\n\r\n  \t\r\nvoid many(char *d, const char *s)\r\n{\r\n'
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
        printf '    strcpy(d, s);\r\n'
    done
    printf '}\r\n'
} | write_file src/crlf.c
# Before the call: a tab (1 byte), "é" (2 bytes) and an emoji (4 bytes, 2 UTF-16 units).
printf '#include <string.h>\n\nvoid name(char *d)\n{\n\tconst char *e = "\xc3\xa9\xf0\x9f\x98\x80"; strcpy(d, e);\n}\n' \
    | write_file src/utf8.c
write_file src/broken.c <<'EOF'
int broken(void)
{
    int x = ;
    return x;
}
EOF

# validate NAME DESCRIPTION: .io/logs/NAME.sarif is valid against the SARIF 2.1.0 schema.
validate()
{
    local out rc
    out=$(python3 "$ECG_SOURCE_DIR/tests/sarif/validate.py" --schema "$ECG_SARIF_SCHEMA" \
        ".io/logs/$1.sarif" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then
        e2e_pass
    else
        e2e_fail "$2: schema validation" "$out"
    fi
}

# sarif NAME ARGS...: runs ecg check --format sarif ARGS, keeps stdout as .io/logs/NAME.sarif
# and validates it.
sarif()
{
    local name=$1
    shift
    run "$ECG" check --format sarif "$@"
    cp "$E2E_OUT" ".io/logs/$name.sarif"
    validate "$name" "$name"
}

# query NAME EXPR: prints the Python expression EXPR over the log of NAME, with log, run
# and results bound.
query()
{
    python3 -c '
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
run = log["runs"][0]
results = run["results"]
print(eval(sys.argv[2]))' ".io/logs/$1.sarif" "$2" 2>&1
}

# --- full profile -----------------------------------------------------------------------
sarif full --no-timestamps src/copy.c --
check_exit 0 "full profile"
assert_eq "$(query full 'len(results)')" "3" "full: the suppressed finding is a result"
assert_eq "$(query full 'all(isinstance(r.get("suppressions"), list) for r in results)')" \
    "True" "full: suppressions on every result"
assert_eq "$(query full '[(r["locations"][0]["physicalLocation"]["region"]["startLine"], [s["kind"] for s in r["suppressions"]]) for r in results]')" \
    "[(7, ['inSource']), (8, []), (9, [])]" "full: only line 7 is suppressed, in source"
assert_contains "$(query full 'results[0]["suppressions"][0].get("justification", "")')" \
    "NOLINT(security-banned-function)" "full: the justification quotes the comment"
assert_eq "$(query full '[len(r.get("fixes", [])) for r in results]')" "[0, 1, 0]" \
    "full: the sprintf finding carries its fix"
assert_eq "$(query full 'run["columnKind"]')" "unicodeCodePoints" "full: columnKind"

# --- github profile ---------------------------------------------------------------------
sarif github --sarif-profile github --no-timestamps src/copy.c src/crlf.c src/utf8.c --
check_exit 0 "github profile"
assert_eq "$(query github '[(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]')" \
    "[('src/copy.c', 8), ('src/copy.c', 9), $(for l in 6 7 8 9 10 11 12 13 14 15 16 17; do printf "('src/crlf.c', %d), " "$l"; done)('src/utf8.c', 5)]" \
    "github: every unsuppressed finding, no suppressed one"
assert_not_contains "$(cat .io/logs/github.sarif)" '"suppressions"' "github: no suppressions arrays"
assert_not_contains "$(cat .io/logs/github.sarif)" '"fixes"' "github: no fixes"
assert_eq "$(query github 'len(log["runs"])')" "1" "github: one run"

# GitHub's primaryLocationLineHash, written from the description of codeql-action's
# fingerprints.ts: a rolling hash over the next 100 UTF-16 units (blanks skipped, line
# breaks as LF) from each line's start, 64-bit wrap-around, ":n" for the n-th repeat.
check_line_hashes()
{
    python3 - ".io/logs/$1.sarif" "$E2E_TMP" <<'PY'
import json, os, sys

MASK = (1 << 64) - 1


def line_hashes(data):
    units = []
    for ch in data.decode("utf-8", "replace"):
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            units += [0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF)]
        else:
            units.append(cp)
    weight = pow(37, 100, 1 << 64)
    window, starts = [0] * 100, [None] * 100
    state = {"hash": 0, "at": 0, "line": 0, "bol": True, "cr": False}
    seen, out = {}, {}

    def emit():
        value = "%x" % (state["hash"] & MASK)
        seen[value] = seen.get(value, 0) + 1
        out[starts[state["at"]]] = "%s:%d" % (value, seen[value])
        starts[state["at"]] = None

    def push(c):
        at = state["at"]
        state["hash"] = (state["hash"] * 37 + c - weight * window[at]) & MASK
        window[at] = c
        state["at"] = (at + 1) % 100

    def feed(c):
        if c in (0x20, 0x09) or (state["cr"] and c == 0x0A):
            state["cr"] = False
            return
        state["cr"] = c == 0x0D
        if c == 0x0D:
            c = 0x0A
        if starts[state["at"]] is not None:
            emit()
        if state["bol"]:
            state["bol"] = False
            state["line"] += 1
            starts[state["at"]] = state["line"]
        state["bol"] = c == 0x0A
        push(c)

    for u in units + [0xFFFF]:
        feed(u)
    for _ in range(100):
        if starts[state["at"]] is not None:
            emit()
        push(0)
    return out


log = json.load(open(sys.argv[1], encoding="utf-8"))
root = sys.argv[2]
cache, bad = {}, 0
for i, r in enumerate(log["runs"][0]["results"]):
    loc = r["locations"][0]["physicalLocation"]
    path = os.path.join(root, loc["artifactLocation"]["uri"])
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = line_hashes(f.read())
    want = cache[path].get(loc["region"]["startLine"])
    got = r.get("partialFingerprints", {}).get("primaryLocationLineHash")
    if got != want:
        bad += 1
        print("result %d (%s:%d): primaryLocationLineHash %s, expected %s"
              % (i, loc["artifactLocation"]["uri"], loc["region"]["startLine"], got, want))
print("checked %d results" % len(log["runs"][0]["results"]))
sys.exit(1 if bad else 0)
PY
}

if out=$(check_line_hashes github); then
    e2e_pass
else
    e2e_fail "github: primaryLocationLineHash equals GitHub's algorithm on every result" "$out"
fi
assert_eq "$out" "checked 15 results" "github: the line hashes of all results were checked"
assert_eq "$(query github '" ".join(r["partialFingerprints"]["primaryLocationLineHash"].split(":")[1] for r in results)')" \
    "1 1 1 2 3 4 5 1 1 1 1 1 1 1 1" "github: repeated lines counted"
if out=$(check_line_hashes full); then
    e2e_pass
else
    e2e_fail "full: primaryLocationLineHash too, suppressed results included" "$out"
fi

# --- non-ASCII lines: columns in code points --------------------------------------------
# Bytes before strcpy: 1 + 17 + 2 + 4 + 3 = 27, code points 1 + 17 + 1 + 1 + 3 = 23.
assert_eq "$(query github '[(r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["locations"][0]["physicalLocation"]["region"]["endColumn"]) for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/utf8.c"]')" \
    "[(24, 36)]" "utf8: startColumn and endColumn count code points"
assert_eq "$(query github 'results[-1]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]')" \
    "$(printf '\tconst char *e = "\xc3\xa9\xf0\x9f\x98\x80"; strcpy(d, e);')" \
    "utf8: the snippet is the line, intact"

# --- --sarif-help-uri --------------------------------------------------------------------
sarif helpuri --no-timestamps --sarif-help-uri https://docs.example.com/ecg/rules/ \
    src/copy.c --
check_exit 0 "--sarif-help-uri"
assert_eq "$(query helpuri '[r["helpUri"] for r in run["tool"]["driver"]["rules"] if r["id"] == "security-banned-function"]')" \
    "['https://docs.example.com/ecg/rules/security-banned-function.md']" \
    "--sarif-help-uri: helpUri is BASE<rule-id>.md"
assert_eq "$(query helpuri 'all(r["helpUri"] == "https://docs.example.com/ecg/rules/" + r["id"] + ".md" for r in run["tool"]["driver"]["rules"])')" \
    "True" "--sarif-help-uri: every rule"
assert_contains "$(query helpuri 'run["tool"]["driver"]["rules"][0]["help"]["markdown"]')" \
    "(https://docs.example.com/ecg/rules/" "--sarif-help-uri: the help text links there"
# A base that is no absolute URI is a usage error, and nothing is written.
expect_exit 2 -- "$ECG" check --format sarif --no-timestamps --sarif-help-uri 'docs/rules/' \
    -o .io/logs/relative.sarif src/copy.c --
assert_contains "$ERR" "--sarif-help-uri 'docs/rules/' is not an absolute URI" \
    "--sarif-help-uri with a relative base: rejected with its reason"
assert_no_file .io/logs/relative.sarif "--sarif-help-uri rejected: no output file"

# --- --sarif-category -------------------------------------------------------------------
sarif category --no-timestamps --sarif-category ecg/linux src/copy.c --
assert_eq "$(query category 'run["automationDetails"]["id"]')" "ecg/linux/" \
    "--sarif-category: automationDetails.id ends with /"
sarif category2 --no-timestamps --sarif-profile github --sarif-category 'ci/' src/copy.c --
assert_eq "$(query category2 'run["automationDetails"]["id"]')" "ci/" \
    "--sarif-category: an id ending with / is kept as it is"
assert_eq "$(query full '"automationDetails" in run')" "False" "no category: no automationDetails"

# --- a unit that does not compile -------------------------------------------------------
sarif broken --no-timestamps src/broken.c src/copy.c --
check_exit 3 "a unit that does not compile"
assert_eq "$(query broken 'run["invocations"][0]["executionSuccessful"]')" "False" \
    "broken: executionSuccessful is false"
assert_eq "$(query broken '[(n["level"], n["message"]["text"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], n["locations"][0]["physicalLocation"]["region"]["startLine"], n["locations"][0]["physicalLocation"]["region"]["startColumn"]) for n in run["invocations"][0]["toolExecutionNotifications"]]')" \
    "[('error', 'expected expression', 'src/broken.c', 3, 13)]" \
    "broken: the compile error is a located notification"
assert_eq "$(query broken 'len(results)')" "3" "broken: the other unit's results are kept"
sarif broken-github --no-timestamps --sarif-profile github src/broken.c --
check_exit 3 "a unit that does not compile, github profile"
assert_eq "$(query broken-github 'run["invocations"][0]["executionSuccessful"]')" "False" \
    "broken, github: executionSuccessful is false"

# --- determinism ------------------------------------------------------------------------
# The first run fills the results database, the second replays from it: same bytes.
sarif det1 --no-timestamps --sarif-profile github src/copy.c src/crlf.c src/utf8.c --
sarif det2 --no-timestamps --sarif-profile github src/copy.c src/crlf.c src/utf8.c --
assert_same_file .io/logs/det1.sarif .io/logs/det2.sarif "--no-timestamps: reruns identical"
run env SOURCE_DATE_EPOCH=1700000000 "$ECG" check --format sarif src/copy.c src/utf8.c --
cp "$E2E_OUT" .io/logs/epoch1.sarif
validate epoch1 "SOURCE_DATE_EPOCH"
run env SOURCE_DATE_EPOCH=1700000000 "$ECG" check --format sarif src/copy.c src/utf8.c --
cp "$E2E_OUT" .io/logs/epoch2.sarif
assert_same_file .io/logs/epoch1.sarif .io/logs/epoch2.sarif "SOURCE_DATE_EPOCH: reruns identical"
assert_not_contains "$(cat .io/logs/epoch1.sarif)" "TimeUtc" "SOURCE_DATE_EPOCH: no timestamps"
sarif stamped src/copy.c --
assert_contains "$(cat .io/logs/stamped.sarif)" '"startTimeUtc"' "timestamps by default"

e2e_finish
