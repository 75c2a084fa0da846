# Shared helpers for the end-to-end tests of the ecg binary (tests/e2e/test_*.sh source it).
# Each failed check prints one "FAIL: ..." line followed by indented details; e2e_finish
# prints "N passed, M failed" and exits non-zero when any check failed. Runs of ecg leave
# $RC, $OUT and $ERR (and the files $E2E_OUT, $E2E_ERR) for the checks that follow.
# shellcheck shell=bash

set -u

E2E_PASSED=0
E2E_FAILED=0
E2E_TMP=""
RC=0
OUT=""
ERR=""
E2E_OUT=""
E2E_ERR=""
E2E_LAST_CMD=""

e2e_pass()
{
    E2E_PASSED=$((E2E_PASSED + 1))
}

# e2e_fail DESCRIPTION [DETAIL...]: one line naming the check, then indented details.
e2e_fail()
{
    local desc=$1
    shift
    E2E_FAILED=$((E2E_FAILED + 1))
    printf 'FAIL: %s\n' "$desc"
    local detail
    for detail in "$@"; do
        if [ -n "$detail" ]; then
            printf '%s\n' "$detail" | sed 's/^/      /'
        fi
    done
}

# The last command and what it printed, cut short, as details of a failed check.
e2e_context()
{
    printf 'command: %s\n' "$E2E_LAST_CMD"
    printf 'exit: %s\n' "$RC"
    printf 'stdout: %s\n' "$(printf '%s' "$OUT" | head -c 1500 | cat -v)"
    printf 'stderr: %s\n' "$(printf '%s' "$ERR" | head -c 1500 | cat -v)"
}

# "actual: TEXT" unless TEXT is the last run's stdout or stderr (the context shows those).
e2e_actual()
{
    if [ "$1" != "$OUT" ] && [ "$1" != "$ERR" ]; then
        printf 'actual: %s' "$(printf '%s' "$1" | head -c 1500 | cat -v)"
    fi
}

e2e_fail_ctx()
{
    local desc=$1
    shift
    local ctx
    ctx=$(e2e_context)
    e2e_fail "$desc" "$@" "$ctx"
}

e2e_finish()
{
    printf '%d passed, %d failed\n' "$E2E_PASSED" "$E2E_FAILED"
    if [ "$E2E_FAILED" -ne 0 ]; then
        exit 1
    fi
    exit 0
}

e2e_cleanup()
{
    if [ -n "$E2E_TMP" ] && [ -d "$E2E_TMP" ]; then
        chmod -R u+rwX "$E2E_TMP" 2>/dev/null
        rm -rf "$E2E_TMP"
    fi
}

# Creates the scratch directory $E2E_TMP (mode 755, removed on exit). It holds a .git
# directory so that ecg takes it as the project root, wherever TMPDIR is.
e2e_setup()
{
    local name
    for name in ECG ECG_SOURCE_DIR; do
        if [ -z "${!name:-}" ]; then
            e2e_fail "environment variable $name is not set (run under ctest, or export it)"
            e2e_finish
        fi
    done
    if [ ! -x "$ECG" ]; then
        e2e_fail "ECG='$ECG' is not an executable"
        e2e_finish
    fi
    E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ecg-e2e.XXXXXX") || {
        e2e_fail "mktemp -d failed"
        e2e_finish
    }
    trap e2e_cleanup EXIT
    chmod 755 "$E2E_TMP"
    mkdir "$E2E_TMP/.git" "$E2E_TMP/.io"
    E2E_OUT=$E2E_TMP/.io/stdout
    E2E_ERR=$E2E_TMP/.io/stderr
}

# run CMD...: runs CMD with stdout and stderr captured; sets RC, OUT, ERR.
run()
{
    E2E_LAST_CMD="$*"
    "$@" >"$E2E_OUT" 2>"$E2E_ERR" </dev/null
    RC=$?
    OUT=$(cat "$E2E_OUT")
    ERR=$(cat "$E2E_ERR")
}

# check_exit CODE DESCRIPTION: the last run exited with CODE.
check_exit()
{
    if [ "$RC" -eq "$1" ]; then
        e2e_pass
    else
        e2e_fail_ctx "$2: exit code" "expected $1, got $RC"
    fi
}

# expect_exit CODE -- CMD...: runs CMD and checks its exit code.
expect_exit()
{
    local code=$1
    shift
    if [ "${1:-}" = "--" ]; then
        shift
    fi
    run "$@"
    check_exit "$code" "$*"
}

# assert_contains TEXT NEEDLE DESCRIPTION: NEEDLE occurs in TEXT (fixed string).
assert_contains()
{
    if [[ "$1" == *"$2"* ]]; then
        e2e_pass
    else
        e2e_fail_ctx "$3" "expected to contain: $2" "$(e2e_actual "$1")"
    fi
}

assert_not_contains()
{
    if [[ "$1" != *"$2"* ]]; then
        e2e_pass
    else
        e2e_fail_ctx "$3" "expected not to contain: $2" "$(e2e_actual "$1")"
    fi
}

# assert_eq ACTUAL EXPECTED DESCRIPTION
assert_eq()
{
    if [ "$1" = "$2" ]; then
        e2e_pass
    else
        e2e_fail_ctx "$3" "expected: $(printf '%s' "$2" | cat -v)" "actual:   $(printf '%s' "$1" | cat -v)"
    fi
}

# assert_line TEXT LINE DESCRIPTION: TEXT has a line exactly equal to LINE.
assert_line()
{
    if printf '%s\n' "$1" | grep -Fxq -- "$2"; then
        e2e_pass
    else
        e2e_fail_ctx "$3" "expected the line: $2" "$(e2e_actual "$1")"
    fi
}

# assert_count TEXT NEEDLE N DESCRIPTION: exactly N lines of TEXT contain NEEDLE.
assert_count()
{
    local n
    n=$(printf '%s\n' "$1" | grep -Fc -- "$2")
    if [ "$n" -eq "$3" ]; then
        e2e_pass
    else
        e2e_fail_ctx "$4" "expected $3 lines containing: $2" "got $n"
    fi
}

# assert_line_count TEXT N DESCRIPTION: TEXT has exactly N lines (empty text has 0).
assert_line_count()
{
    local n=0
    if [ -n "$1" ]; then
        n=$(printf '%s\n' "$1" | wc -l)
    fi
    if [ "$n" -eq "$2" ]; then
        e2e_pass
    else
        e2e_fail_ctx "$3" "expected $2 lines, got $n"
    fi
}

assert_file_exists()
{
    if [ -f "$1" ]; then
        e2e_pass
    else
        e2e_fail_ctx "$2" "no file $1"
    fi
}

assert_no_file()
{
    if [ ! -e "$1" ]; then
        e2e_pass
    else
        e2e_fail_ctx "$2" "$1 exists but should not"
    fi
}

# assert_same_file A B DESCRIPTION: byte-identical files.
assert_same_file()
{
    if cmp -s -- "$1" "$2"; then
        e2e_pass
    else
        e2e_fail "$3" "$1 and $2 differ:" "$(diff -- "$1" "$2" | head -n 20)"
    fi
}

# assert_no_esc FILE DESCRIPTION / assert_has_esc FILE DESCRIPTION: ANSI escape bytes.
assert_no_esc()
{
    if ! grep -q $'\033' -- "$1"; then
        e2e_pass
    else
        e2e_fail "$2" "found ESC bytes in $1: $(head -c 300 -- "$1" | cat -v)"
    fi
}

assert_has_esc()
{
    if grep -q $'\033' -- "$1"; then
        e2e_pass
    else
        e2e_fail "$2" "no ESC byte in $1: $(head -c 300 -- "$1" | cat -v)"
    fi
}

# write_file PATH: writes standard input to PATH, creating its directory.
write_file()
{
    mkdir -p -- "$(dirname -- "$1")"
    cat >"$1"
}

# dir_entries DIR: the names in DIR (dot files too), sorted, each followed by one space.
dir_entries()
{
    (cd -- "$1" && find . -mindepth 1 -maxdepth 1 -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ')
}

# The banned-function message for strcpy, as the rule words it.
# shellcheck disable=SC2034
E2E_STRCPY_MSG="'strcpy' cannot bound its output; use 'snprintf(dst, size, \"%s\", src)' or a length-checked 'memcpy'"

# on_tty STREAM CMD...: runs CMD with STREAM (stdout or stderr) on a pseudo-terminal and the
# other discarded, and prints what arrived on the terminal. Exits with CMD's status.
on_tty()
{
    python3 - "$@" <<'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
streams[sys.argv[1]] = slave
proc = subprocess.Popen(sys.argv[2:], stdout=streams["stdout"], stderr=streams["stderr"],
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
