#!/usr/bin/env bash
# End-to-end: `ecg sarif merge` of two shards' SARIF logs (a finding in a header both shards
# include appears once, rule indices point at the right rule, the merged log is valid
# against the SARIF 2.1.0 schema) and `ecg sarif diff` of a base and a head run (the fixed
# and the new finding listed, counts, exit 0 for a new warning and 1 for a new error).
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

validate_sarif()
{
    local file=$1 desc=$2 out
    if out=$(python3 "$ECG_SOURCE_DIR/tests/sarif/validate.py" --schema "$ECG_SARIF_SCHEMA" \
        "$file" 2>&1); then
        e2e_pass
    else
        e2e_fail "$desc" "$out"
    fi
}

# The results of a SARIF log, one line each: ruleId, the id of the rule at ruleIndex, uri,
# startLine, startColumn, level; first a line with the numbers of runs and rules.
summarize()
{
    python3 - "$1" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
runs = log["runs"]
rules = runs[0]["tool"]["driver"].get("rules", [])
print("runs=%d rules=%s" % (len(runs), ",".join(r["id"] for r in rules)))
for run in runs:
    for r in run["results"]:
        reg = r["locations"][0]["physicalLocation"]["region"]
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        print(r["ruleId"], rules[r["ruleIndex"]]["id"], uri, reg["startLine"],
              reg["startColumn"], r["level"])
PY
}

if [ -z "${ECG_SARIF_SCHEMA:-}" ] || [ ! -f "${ECG_SARIF_SCHEMA:-}" ]; then
    e2e_fail "ECG_SARIF_SCHEMA='${ECG_SARIF_SCHEMA:-}' is not a file"
fi

write_file include/shared.h <<'EOF'
#include <string.h>

static inline void shared_copy(char *dst, const char *src)
{
    strcpy(dst, src);
}
EOF
write_file src/a.c <<'EOF'
#include "shared.h"

void copy_a(char *dst, const char *src)
{
    shared_copy(dst, src);
    strcpy(dst, "a");
}
EOF
write_file src/b.c <<'EOF'
#include "shared.h"

void copy_b(char *dst, const char *src)
{
    shared_copy(dst, src);
    strcpy(dst, "b");
}
EOF
RULE=security-banned-function

# --- merge ------------------------------------------------------------------------------
expect_exit 0 -- "$ECG" check --no-db '--checks=-*,security-banned-function' --format sarif -o .io/shard-a.sarif src/a.c -- -Iinclude
expect_exit 0 -- "$ECG" check --no-db '--checks=-*,security-banned-function' --format sarif -o .io/shard-b.sarif src/b.c -- -Iinclude
assert_eq "$(summarize .io/shard-a.sarif)" "runs=1 rules=$RULE
$RULE $RULE include/shared.h 5 5 warning
$RULE $RULE src/a.c 6 5 warning" "shard a: the header's finding and its own"
assert_eq "$(summarize .io/shard-b.sarif)" "runs=1 rules=$RULE
$RULE $RULE include/shared.h 5 5 warning
$RULE $RULE src/b.c 6 5 warning" "shard b: the header's finding and its own"

expect_exit 0 -- "$ECG" sarif merge .io/shard-a.sarif .io/shard-b.sarif -o .io/all.sarif
assert_eq "$OUT" "" "merge -o: nothing on stdout"
assert_eq "$ERR" "" "merge -o: nothing on stderr"
assert_eq "$(summarize .io/all.sarif)" "runs=1 rules=$RULE
$RULE $RULE include/shared.h 5 5 warning
$RULE $RULE src/a.c 6 5 warning
$RULE $RULE src/b.c 6 5 warning" "merge: one run, the shared finding once, in input order"
validate_sarif .io/all.sarif "merge: the merged log is valid SARIF 2.1.0"
assert_eq "$(dir_entries .io)" "all.sarif shard-a.sarif shard-b.sarif stderr stdout " \
    "merge -o: no temporary file left"

facts=$(python3 - .io/all.sarif <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
inv = run["invocations"]
print(len(inv), inv[0]["executionSuccessful"], "commandLine" in inv[0])
print(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], run["columnKind"])
print(len({r["partialFingerprints"]["ecg/v1"] for r in run["results"]}))
PY
)
assert_eq "$facts" "1 True False
file://$E2E_TMP/ unicodeCodePoints
3" "merge: one invocation (command lines differ), the shards' root and columnKind"

# Without -o the log goes to stdout, byte for byte as to the file; the order of the shards
# decides the order of the results, and --category sets automationDetails.
expect_exit 0 -- "$ECG" sarif merge .io/shard-a.sarif .io/shard-b.sarif
assert_same_file "$E2E_OUT" .io/all.sarif "merge: stdout holds what -o wrote"
expect_exit 0 -- "$ECG" sarif merge --category linux .io/shard-b.sarif .io/shard-a.sarif
cp "$E2E_OUT" .io/reversed.sarif
assert_eq "$(summarize .io/reversed.sarif | sed -n 2p)" \
    "$RULE $RULE include/shared.h 5 5 warning" "merge: shard b first"
assert_eq "$(summarize .io/reversed.sarif | sed -n 3p)" "$RULE $RULE src/b.c 6 5 warning" \
    "merge: shard b's own finding second"
assert_contains "$OUT" '"id":	"linux/"' "merge --category: automationDetails.id"
validate_sarif .io/reversed.sarif "merge --category: valid SARIF 2.1.0"
rm .io/reversed.sarif

# Logs that cannot be merged: not SARIF (with the position), another tool.
printf '{"version": "2.1.0",\n "runs": {}}\n' >.io/bad.sarif
expect_exit 2 -- "$ECG" sarif merge .io/shard-a.sarif .io/bad.sarif -o .io/none.sarif
assert_eq "$ERR" ".io/bad.sarif:2:10: error: not a SARIF 2.1.0 log: runs must be an array" \
    "merge: a bad log is reported with its position"
assert_no_file .io/none.sarif "merge: no output when an input is bad"
sed 's/"name":	"ecg"/"name":	"other-tool"/' .io/shard-b.sarif >.io/other.sarif
expect_exit 2 -- "$ECG" sarif merge .io/shard-a.sarif .io/other.sarif
assert_contains "$ERR" ".io/other.sarif:" "merge: another tool: the file named"
assert_contains "$ERR" "the tool is 'other-tool', but 'ecg' in .io/shard-a.sarif" \
    "merge: another tool: both names"
expect_exit 2 -- "$ECG" sarif merge
assert_contains "$ERR" "no SARIF log to merge" "merge: no input is a usage error"
rm .io/bad.sarif .io/other.sarif

# --- diff -------------------------------------------------------------------------------
# HEAD fixes src/a.c's own strcpy and adds one to src/b.c above the old one, which moves
# down a few lines but keeps its fingerprint.
sed -i 's/    strcpy(dst, "a");/    (void)dst;/' src/a.c
write_file src/b.c <<'EOF'
#include "shared.h"

void copy_b_again(char *out, const char *in)
{
    strcpy(out, in);
}

void copy_b(char *dst, const char *src)
{
    shared_copy(dst, src);
    strcpy(dst, "b");
}
EOF
expect_exit 0 -- "$ECG" check --no-db '--checks=-*,security-banned-function' --format sarif -o .io/head.sarif src/a.c src/b.c -- -Iinclude

expect_exit 0 -- "$ECG" sarif diff .io/all.sarif .io/head.sarif
assert_eq "$OUT" "src/b.c:5:5: warning: $E2E_STRCPY_MSG [$RULE] (new)
src/a.c:6:5: warning: $E2E_STRCPY_MSG [$RULE] (fixed)
1 new, 1 fixed, 2 unchanged" "diff: the new and the fixed finding, and the counts"
assert_eq "$ERR" "" "diff: nothing on stderr"

expect_exit 0 -- "$ECG" sarif diff --format json .io/all.sarif .io/head.sarif
json=$(python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(d["counts"]["new"], d["counts"]["fixed"], d["counts"]["unchanged"])
for key in ("new", "fixed"):
    for r in d[key]:
        print(key, r["ruleId"], r["level"], r["uri"], r["startLine"], r["startColumn"],
              len(r["fingerprint"]))
print(sorted(r["uri"] for r in d["unchanged"]))
' <<<"$OUT" 2>&1)
assert_eq "$json" "1 1 2
new $RULE warning src/b.c 5 5 16
fixed $RULE warning src/a.c 6 5 16
['include/shared.h', 'src/b.c']" "diff --format json: counts and results"

# The same change with the new finding promoted to an error fails the gate.
expect_exit 1 -- "$ECG" check --no-db '--checks=-*,security-banned-function' --format sarif '--warnings-as-errors=*' \
    -o .io/head-werror.sarif src/a.c src/b.c -- -Iinclude
validate_sarif .io/head-werror.sarif "head with --warnings-as-errors: valid SARIF 2.1.0"
expect_exit 1 -- "$ECG" sarif diff .io/all.sarif .io/head-werror.sarif
assert_line "$OUT" "src/b.c:5:5: error: $E2E_STRCPY_MSG [$RULE] (new)" \
    "diff: the new finding is an error"
assert_line "$OUT" "1 new, 1 fixed, 2 unchanged" "diff: counts with errors"

# Errors that are not new do not fail the gate.
expect_exit 0 -- "$ECG" sarif diff .io/head-werror.sarif .io/head-werror.sarif
assert_eq "$OUT" "0 new, 0 fixed, 3 unchanged" "diff: a log against itself"

# Bad input.
expect_exit 2 -- "$ECG" sarif diff .io/all.sarif .io/missing.sarif
assert_contains "$ERR" ".io/missing.sarif: error: cannot open" "diff: a missing log is named"
expect_exit 2 -- "$ECG" sarif diff .io/all.sarif
assert_contains "$ERR" "expected two SARIF logs, BASE and HEAD" "diff: one log is a usage error"

# `ecg help` lists the command.
expect_exit 0 -- "$ECG" help
assert_contains "$OUT" "  sarif " "help: lists ecg sarif"

e2e_finish
