#!/usr/bin/env bash
# The progress line: "[ i/n] file (elapsed)" on stderr when stderr is a terminal; nothing
# when it is not, or with --quiet.
source "$(dirname "$0")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

for i in 1 2 3; do
    printf 'int unit%d(int x)\n{\n    return x + %d;\n}\n' "$i" "$i" > "u$i.c"
done

# Runs CMD with stderr on a pseudo-terminal (stdout discarded); prints what stderr got.
run_stderr_on_tty()
{
    python3 - "$@" <<'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=slave,
                        stdin=subprocess.DEVNULL)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
proc.wait()
sys.stdout.buffer.write(data)
sys.exit(proc.returncode)
PY
}

tty_err=$(run_stderr_on_tty "$ECG" check -j 1 u1.c u2.c u3.c -- | tr '\r' '\n')
for i in 1 2 3; do
    assert_contains "$tty_err" "[$i/3] u" "terminal: progress counter $i of 3"
done
assert_contains "$tty_err" "s)" "terminal: elapsed time shown"
assert_has_esc <(printf '%s' "$tty_err") "terminal: the progress line is cleared with an escape"

quiet_err=$(run_stderr_on_tty "$ECG" check --quiet u1.c u2.c u3.c --)
assert_not_contains "$quiet_err" "/3]" "terminal with --quiet: no progress"

expect_exit 0 -- "$ECG" check u1.c u2.c u3.c --
assert_not_contains "$ERR" "/3]" "stderr not a terminal: no progress"
assert_no_esc "$E2E_ERR" "stderr not a terminal: no escape sequences"

e2e_finish
