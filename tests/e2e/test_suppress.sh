#!/usr/bin/env bash
# End-to-end: NOLINT, NOLINT(rule), NOLINTNEXTLINE and NOLINTBEGIN/END comments, the
# "Suppressed N warnings" summary, --show-suppressed, and unmatched NOLINTBEGIN.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

write_file nolint.c <<'EOF'
#include <string.h>

void f(char *d, const char *s)
{
    strcpy(d, s); // NOLINT
    strcpy(d, s); // NOLINT(security-banned-function)
    strcpy(d, s); // NOLINT(bugprone-other-rule)
    strcpy(d, s); /* NOLINT(security-*) */
    strcpy(d, s); // NOLINT(bugprone-other-rule, security-banned-function)
    // NOLINTNEXTLINE(security-banned-function)
    strcpy(d, s);
    // NOLINTNEXTLINE(bugprone-other-rule)
    strcpy(d, s);
    // NOLINTNEXTLINE
    strcat(d, s);
    // NOLINTBEGIN(security-banned-function)
    strcpy(d, s);
    strcat(d, s);
    // NOLINTEND(security-banned-function)
    strcpy(d, s);
    // NOLINTBEGIN
    strcat(d, s);
    // NOLINTEND
}
EOF

unsuppressed_lines="7 13 20"

expect_exit 0 -- "$ECG" check nolint.c --
assert_eq "$(grep -o '^nolint.c:[0-9]*:[0-9]*' "$E2E_OUT" | tr '\n' ' ')" \
    "nolint.c:7:5 nolint.c:13:5 nolint.c:20:5 " "only the unsuppressed findings are printed"
for line in $unsuppressed_lines; do
    assert_line "$OUT" "nolint.c:$line:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
        "line $line: not suppressed"
done
assert_line "$ERR" "3 warnings generated." "summary: unsuppressed warnings"
assert_line "$ERR" "Suppressed 9 warnings (9 NOLINT)." "summary: suppressed count"
assert_not_contains "$ERR" "ecg-nolint" "no NOLINT problems reported"

# Suppressed findings do not fail the gate.
expect_exit 1 -- "$ECG" check '--warnings-as-errors=*' nolint.c --
assert_line "$ERR" "3 errors generated." "warnings-as-errors: only the unsuppressed count"
assert_line "$ERR" "Suppressed 9 warnings (9 NOLINT)." "warnings-as-errors: suppressed count"

write_file all_suppressed.c <<'EOF'
#include <string.h>

void g(char *d, const char *s)
{
    strcpy(d, s); // NOLINT
}
EOF
expect_exit 0 -- "$ECG" check '--warnings-as-errors=*' all_suppressed.c --
assert_eq "$OUT" "" "every finding suppressed: no output"
assert_eq "$ERR" "Suppressed 1 warnings (1 NOLINT)." "every finding suppressed: summary alone"
expect_exit 0 -- "$ECG" check --quiet all_suppressed.c --
assert_eq "$ERR" "" "--quiet: no suppression summary"

# --show-suppressed prints them as notes.
expect_exit 0 -- "$ECG" check --show-suppressed all_suppressed.c --
assert_line "$OUT" "all_suppressed.c:5:5: note: suppressed warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "--show-suppressed: printed as a note"

# SARIF keeps suppressed results with a suppression; GitHub drops them.
expect_exit 0 -- "$ECG" check --format sarif --no-timestamps all_suppressed.c --
sup=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
print(len(r), [s["kind"] for s in r[0].get("suppressions", [])])' "$E2E_OUT" 2>&1)
assert_eq "$sup" "1 ['inSource']" "sarif: suppressed result carries an inSource suppression"
expect_exit 0 -- "$ECG" check --format github all_suppressed.c --
assert_eq "$OUT" "" "github: suppressed findings not annotated"

# An unmatched NOLINTBEGIN suppresses nothing and is reported.
write_file unmatched.c <<'EOF'
#include <string.h>

void h(char *d, const char *s)
{
    // NOLINTBEGIN(security-banned-function)
    strcpy(d, s);
}
EOF
expect_exit 0 -- "$ECG" check unmatched.c --
assert_line "$OUT" "unmatched.c:6:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "unmatched NOLINTBEGIN: finding not suppressed"
assert_contains "$ERR" "unmatched.c:5:8: warning: unmatched NOLINTBEGIN" \
    "unmatched NOLINTBEGIN: warning on stderr with its position"
assert_not_contains "$ERR" "Suppressed" "unmatched NOLINTBEGIN: nothing suppressed"

write_file unmatched_end.c <<'EOF'
#include <string.h>

void k(char *d, const char *s)
{
    strcpy(d, s);
    // NOLINTEND
}
EOF
expect_exit 0 -- "$ECG" check unmatched_end.c --
assert_line "$OUT" "unmatched_end.c:5:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "unmatched NOLINTEND: finding not suppressed"
assert_contains "$ERR" "unmatched_end.c:6:8: warning:" "unmatched NOLINTEND: warning on stderr"

e2e_finish
