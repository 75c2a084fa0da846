#!/usr/bin/env bash
# End-to-end: the output formats of ecg check -- clang-style text (paths, caret line,
# colour), GitHub workflow commands, SARIF 2.1.0 validated against the official schema,
# and -o FILE.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

write_file src/copy.c <<'EOF'
#include <string.h>

void copy_name(char *dst, const char *src)
{
	strcpy(dst, src);
}
EOF
write_file clean.c <<'EOF'
int twice(int x)
{
    return 2 * x;
}
EOF

# Runs CMD with stdout on a pseudo-terminal, with the terminal's CRLF line ends made LF.
run_on_tty()
{
    on_tty stdout "$@" | sed 's/\r$//'
    return "${PIPESTATUS[0]}"
}

# --- text -------------------------------------------------------------------------------
# The source line has a tab: clang expands it to the next multiple of 8, and so does the
# caret line.
expect_exit 0 -- "$ECG" check src/copy.c --
assert_eq "$(sed -n 1p "$E2E_OUT")" \
    "src/copy.c:5:2: warning: $E2E_STRCPY_MSG [security-banned-function]" "text: first line"
assert_eq "$(sed -n 2p "$E2E_OUT")" "        strcpy(dst, src);" "text: source line, tab expanded"
assert_eq "$(sed -n 3p "$E2E_OUT")" "        ^~~~~~~~~~~~~~~~" "text: caret line"
assert_line_count "$OUT" 3 "text: one finding is three lines"
assert_no_esc "$E2E_OUT" "text to a file: no escape sequences"
assert_line "$ERR" "1 warning generated." "text: summary on stderr"

# A path given absolute outside the working directory prints absolute; under it, relative.
expect_exit 0 -- "$ECG" check "$E2E_TMP/src/copy.c" --
assert_eq "$(sed -n 1p "$E2E_OUT")" \
    "src/copy.c:5:2: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "text: absolute path under the working directory printed relative"
run env -C src "$ECG" check copy.c --
assert_eq "$(sed -n 1p "$E2E_OUT")" \
    "copy.c:5:2: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "text: path relative to the working directory"

# Colour: never on a file or pipe, never with NO_COLOR, always with --color=always.
expect_exit 0 -- "$ECG" check --color=always src/copy.c --
assert_has_esc "$E2E_OUT" "--color=always: escape sequences"
assert_contains "$OUT" $'\033[0;1;35mwarning: ' "--color=always: warning in clang's magenta"
expect_exit 0 -- env NO_COLOR=1 "$ECG" check --color=always src/copy.c --
assert_has_esc "$E2E_OUT" "--color=always wins over NO_COLOR"
expect_exit 0 -- "$ECG" check --color=never src/copy.c --
assert_no_esc "$E2E_OUT" "--color=never: no escape sequences"

run_on_tty env -u NO_COLOR "$ECG" check src/copy.c -- >"$E2E_TMP/.io/tty_auto"
assert_has_esc "$E2E_TMP/.io/tty_auto" "terminal, colour auto: escape sequences"
run_on_tty env NO_COLOR=1 "$ECG" check src/copy.c -- >"$E2E_TMP/.io/tty_nocolor"
assert_no_esc "$E2E_TMP/.io/tty_nocolor" "terminal with NO_COLOR: no escape sequences"
assert_contains "$(cat "$E2E_TMP/.io/tty_nocolor")" "src/copy.c:5:2: warning:" \
    "terminal with NO_COLOR: the finding is printed"
run_on_tty env -u NO_COLOR "$ECG" check --color=never src/copy.c -- >"$E2E_TMP/.io/tty_never"
assert_no_esc "$E2E_TMP/.io/tty_never" "terminal, --color=never: no escape sequences"

# --- github -----------------------------------------------------------------------------
# Paths relative to the project root (the scratch directory, which holds .git); '%' in
# the message is escaped as %25.
expect_exit 0 -- env -C src "$ECG" check --format github copy.c ../clean.c --
gh_msg=${E2E_STRCPY_MSG//%/%25}
assert_eq "$OUT" \
    "::warning file=src/copy.c,line=5,col=2,endLine=5,endColumn=18,title=security-banned-function::$gh_msg" \
    "github: exact workflow command"
expect_exit 1 -- "$ECG" check --format github '--warnings-as-errors=*' src/copy.c --
assert_eq "$(cut -d' ' -f1 <<<"$OUT")" "::error" "github: gate-failing warning is ::error"
expect_exit 0 -- "$ECG" check --format github clean.c --
assert_eq "$OUT" "" "github: nothing for a clean file"

# --- sarif ------------------------------------------------------------------------------
validate_sarif()
{
    local file=$1 desc=$2 out rc
    if [ -f "$ECG_SOURCE_DIR/tests/sarif/validate.py" ]; then
        out=$(python3 "$ECG_SOURCE_DIR/tests/sarif/validate.py" --schema "$ECG_SARIF_SCHEMA" \
            "$file" 2>&1)
        rc=$?
    else
        out=$(python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
errors = list(cls(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors:
    print(list(e.absolute_path), e.message)
sys.exit(1 if errors else 0)' "$ECG_SARIF_SCHEMA" "$file" 2>&1)
        rc=$?
    fi
    if [ "$rc" -eq 0 ]; then
        e2e_pass
    else
        e2e_fail "$desc" "$out"
    fi
}

if [ -z "${ECG_SARIF_SCHEMA:-}" ] || [ ! -f "${ECG_SARIF_SCHEMA:-}" ]; then
    e2e_fail "ECG_SARIF_SCHEMA='${ECG_SARIF_SCHEMA:-}' is not a file"
fi

expect_exit 0 -- "$ECG" check --format sarif --no-timestamps src/copy.c clean.c --
cp "$E2E_OUT" "$E2E_TMP/.io/run.sarif"
validate_sarif "$E2E_TMP/.io/run.sarif" "sarif: valid against the SARIF 2.1.0 schema"
summary=$(python3 -c '
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
print(log["version"], run["tool"]["driver"]["name"], len(run["results"]))
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    reg = loc["region"]
    print(r["ruleId"], r["level"], loc["artifactLocation"]["uri"], reg["startLine"],
          reg["startColumn"], reg["endLine"], reg["endColumn"])
    print(r["message"]["text"])
print("timestamps" if "startTimeUtc" in json.dumps(log) else "no-timestamps")
' "$E2E_TMP/.io/run.sarif" 2>&1)
assert_eq "$summary" "2.1.0 ecg 1
security-banned-function warning src/copy.c 5 2 5 18
$E2E_STRCPY_MSG
no-timestamps" "sarif: the one result, located"

expect_exit 0 -- "$ECG" check --format sarif src/copy.c --
cp "$E2E_OUT" "$E2E_TMP/.io/stamped.sarif"
validate_sarif "$E2E_TMP/.io/stamped.sarif" "sarif with timestamps: valid"
assert_contains "$OUT" '"startTimeUtc"' "sarif: timestamps by default"

expect_exit 0 -- "$ECG" check --format sarif --no-timestamps clean.c --
cp "$E2E_OUT" "$E2E_TMP/.io/clean.sarif"
validate_sarif "$E2E_TMP/.io/clean.sarif" "sarif without results: valid"
assert_eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' \
    "$E2E_TMP/.io/clean.sarif")" "0" "sarif: clean file has an empty results array"

# --- -o ---------------------------------------------------------------------------------
mkdir out
expect_exit 0 -- "$ECG" check src/copy.c --
cp "$E2E_OUT" "$E2E_TMP/.io/stdout.txt"
expect_exit 0 -- "$ECG" check -o out/report.txt src/copy.c --
assert_eq "$OUT" "" "-o: stdout is empty"
assert_line "$ERR" "1 warning generated." "-o: summary still on stderr"
assert_same_file out/report.txt "$E2E_TMP/.io/stdout.txt" "-o: file holds what stdout would"
assert_eq "$(dir_entries out)" "report.txt " "-o: no temporary file left"

expect_exit 0 -- "$ECG" check --format sarif --no-timestamps --output=out/report.sarif src/copy.c --
assert_eq "$OUT" "" "-o sarif: stdout is empty"
validate_sarif out/report.sarif "-o sarif: file is valid SARIF"

# -o replaces an existing file, and with --color=auto a file gets no colour.
echo "old contents" >out/report.txt
expect_exit 0 -- "$ECG" check -o out/report.txt src/copy.c --
assert_same_file out/report.txt "$E2E_TMP/.io/stdout.txt" "-o: replaces an existing file"
run_on_tty env -u NO_COLOR "$ECG" check -o out/tty.txt src/copy.c -- >/dev/null
assert_no_esc out/tty.txt "-o from a terminal: no colour in the file"
assert_eq "$(dir_entries out)" "report.sarif report.txt tty.txt " \
    "-o: only the reports in the directory"

e2e_finish
