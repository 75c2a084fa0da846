#!/usr/bin/env bash
# End-to-end: ecg check's exit codes (0 pass, 1 gate failed, 2 usage error, 3 unit not
# analysed) and the messages that go with them.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

write_file clean.c <<'EOF'
int add_one(int x)
{
    return x + 1;
}
EOF
write_file finding.c <<'EOF'
#include <string.h>

void copy_name(char *dst, const char *src)
{
    strcpy(dst, src);
}
EOF
write_file broken.c <<'EOF'
int broken(void)
{
    return undeclared_thing;
}
EOF

# A clean file passes, prints nothing on stdout.
expect_exit 0 -- "$ECG" check clean.c --
assert_eq "$OUT" "" "clean file: stdout is empty"
assert_not_contains "$ERR" "warning generated" "clean file: no summary of findings"

# A warning is reported but does not fail the gate by default.
expect_exit 0 -- "$ECG" check finding.c --
assert_line "$OUT" "finding.c:5:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "warning: diagnostic line"
assert_line "$ERR" "1 warning generated." "warning: summary on stderr"

# --warnings-as-errors promotes it and fails the gate.
expect_exit 1 -- "$ECG" check '--warnings-as-errors=security-*' finding.c --
assert_line "$OUT" \
    "finding.c:5:5: error: $E2E_STRCPY_MSG [security-banned-function,-warnings-as-errors]" \
    "warnings-as-errors: promoted diagnostic line"
assert_not_contains "$OUT" "warning:" "warnings-as-errors: no warning left"
assert_line "$ERR" "1 error generated." "warnings-as-errors: summary counts an error"

# The separate-value spelling and a glob that does not match the rule.
expect_exit 1 -- "$ECG" check --warnings-as-errors '*' finding.c --
expect_exit 0 -- "$ECG" check --warnings-as-errors 'readability-*' finding.c --
assert_contains "$OUT" "warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "non-matching warnings-as-errors: still a plain warning"

# A disabled rule cannot fail the gate.
expect_exit 0 -- "$ECG" check --checks='-*' '--warnings-as-errors=*' finding.c --
assert_eq "$OUT" "" "rule disabled: no output"

# Configuration can promote too.
expect_exit 1 -- "$ECG" check --config '{"warnings_as_errors": "security-banned-function"}' \
    finding.c --

# Usage errors: exit 2, a message naming the problem, nothing on stdout.
expect_exit 2 -- "$ECG" check --no-such-option finding.c --
assert_contains "$ERR" "'--no-such-option'" "unknown option: named in the message"
assert_eq "$OUT" "" "unknown option: stdout is empty"

expect_exit 2 -- "$ECG" check --format bogus finding.c --
assert_contains "$ERR" "'bogus'" "bad --format: value named in the message"
assert_eq "$OUT" "" "bad --format: stdout is empty"

expect_exit 2 -- "$ECG" check --format=bogus finding.c --
expect_exit 2 -- "$ECG" check --color=sometimes finding.c --
assert_contains "$ERR" "'sometimes'" "bad --color: value named in the message"
expect_exit 2 -- "$ECG" check -j many finding.c --
assert_contains "$ERR" "'many'" "bad -j: value named in the message"
expect_exit 2 -- "$ECG" check finding.c --checks
assert_contains "$ERR" "'--checks'" "option without a value: named in the message"
expect_exit 2 -- "$ECG" check --quiet=yes finding.c --
assert_contains "$ERR" "'--quiet=yes'" "flag with a value: named in the message"

expect_exit 2 -- "$ECG" check
assert_contains "$ERR" "no input files" "no inputs: message"
assert_eq "$OUT" "" "no inputs: stdout is empty"
expect_exit 2 -- "$ECG" check -- -DX
assert_contains "$ERR" "no input files" "only compiler flags: message"

expect_exit 2 -- "$ECG"
expect_exit 2 -- "$ECG" frobnicate
assert_contains "$ERR" "'frobnicate'" "unknown command: named in the message"

# Help and version succeed.
expect_exit 0 -- "$ECG" check --help
assert_contains "$OUT" "USAGE: ecg check" "check --help: usage on stdout"
expect_exit 0 -- "$ECG" version
assert_contains "$OUT" "ecg " "version: printed"

# A unit that does not compile: exit 3 even when another unit has a finding that would
# fail the gate, and that other unit is still reported.
expect_exit 3 -- "$ECG" check '--warnings-as-errors=*' broken.c finding.c --
assert_contains "$ERR" "broken.c:3:12: error: use of undeclared identifier 'undeclared_thing'" \
    "unit error: clang's error printed"
assert_contains "$OUT" "finding.c:5:5: error: $E2E_STRCPY_MSG" "unit error: other unit reported"

# --quiet drops the summary but not the findings or the exit code.
expect_exit 1 -- "$ECG" check --quiet '--warnings-as-errors=*' finding.c --
assert_eq "$ERR" "" "quiet: stderr is empty"
assert_contains "$OUT" "finding.c:5:5: error:" "quiet: findings still printed"

e2e_finish
