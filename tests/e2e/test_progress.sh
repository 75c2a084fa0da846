#!/usr/bin/env bash
# The progress line: "[ i/n] file (elapsed)" on stderr when stderr is a terminal; nothing
# when it is not, or with --quiet.
source "$(dirname "$0")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

for i in 1 2 3; do
    printf 'int unit%d(int x)\n{\n    return x + %d;\n}\n' "$i" "$i" > "u$i.c"
done

tty_err=$(on_tty stderr "$ECG" check -j 1 u1.c u2.c u3.c -- | tr '\r' '\n')
for i in 1 2 3; do
    assert_contains "$tty_err" "[$i/3] u" "terminal: progress counter $i of 3"
done
assert_contains "$tty_err" "s)" "terminal: elapsed time shown"
assert_has_esc <(printf '%s' "$tty_err") "terminal: the progress line is cleared with an escape"

quiet_err=$(on_tty stderr "$ECG" check --quiet u1.c u2.c u3.c --)
assert_not_contains "$quiet_err" "/3]" "terminal with --quiet: no progress"

expect_exit 0 -- "$ECG" check u1.c u2.c u3.c --
assert_not_contains "$ERR" "/3]" "stderr not a terminal: no progress"
assert_no_esc "$E2E_ERR" "stderr not a terminal: no escape sequences"

e2e_finish
