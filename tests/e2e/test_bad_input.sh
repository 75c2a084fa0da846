#!/usr/bin/env bash
# End-to-end: inputs ecg must reject or survive -- missing, directory, unreadable and
# binary files, a 10 MB source, expressions nested 10,000 deep -- and -o failures that
# must leave no partial or temporary file behind.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1
T=$E2E_TMP

write_file good.c <<'EOF'
#include <string.h>

void copy_name(char *dst, const char *src)
{
    strcpy(dst, src);
}
EOF
GOOD_LINE="good.c:5:5: warning: $E2E_STRCPY_MSG [security-banned-function]"

# check_not_crashed DESCRIPTION: the last run ended by exit, not by a signal.
check_not_crashed()
{
    if [ "$RC" -lt 128 ]; then
        e2e_pass
    else
        e2e_fail_ctx "$1: killed by signal $((RC - 128))"
    fi
}

# --- files that cannot be read: exit 2, nothing analysed -------------------------------------
expect_exit 2 -- "$ECG" check missing.c good.c --
assert_contains "$ERR" "missing.c" "missing file: named"
assert_eq "$OUT" "" "missing file: nothing reported"

mkdir adir
expect_exit 2 -- "$ECG" check adir --
assert_contains "$ERR" "adir: error: is a directory" "directory as a file: message"
assert_eq "$OUT" "" "directory as a file: nothing reported"

# Unreadable file. Root reads anything, so as root run ecg as nobody; the binary is copied
# where nobody can run it.
cp good.c locked.c
chmod 000 locked.c
if [ "$(id -u)" -eq 0 ]; then
    mkdir -p bin
    cp "$ECG" bin/ecg
    chmod 755 bin bin/ecg
    run setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env -C "$T" "$T/bin/ecg" check locked.c good.c --
    check_exit 2 "unreadable file (as nobody)"
    rm -rf bin
else
    expect_exit 2 -- "$ECG" check locked.c good.c --
fi
assert_contains "$ERR" "locked.c: error: cannot read: Permission denied" \
    "unreadable file: named, with the reason"
assert_eq "$OUT" "" "unreadable file: nothing reported"
chmod 644 locked.c

# --- a binary file: exit 3, a clear message, the other file still analysed -----------------
python3 -c '
import os, sys
data = bytearray(os.urandom(4096))
data[100:104] = b"\0\0\0\0"
open(sys.argv[1], "wb").write(bytes(data))' binary.c
expect_exit 3 -- "$ECG" check binary.c good.c --
assert_contains "$ERR" "binary.c: error: not a C source file" "binary file: clear message"
assert_contains "$ERR" "binary.c' could not be analyzed" "binary file: unit reported as not analysed"
assert_line "$OUT" "$GOOD_LINE" "binary file: the other file is analysed"
check_not_crashed "binary file"

# An empty file is a valid, clean unit.
: >empty.c
expect_exit 0 -- "$ECG" check empty.c --
assert_eq "$OUT" "" "empty file: no output"

# A path with a space.
cp good.c "with space.c"
expect_exit 0 -- "$ECG" check "with space.c" --
assert_line "$OUT" "with space.c:5:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "file name with a space"

# --- a 10 MB source with one finding near the end ------------------------------------------
big_line=$(python3 - <<'PY'
size = 0
i = 0
with open("big.c", "w") as f:
    f.write("#include <string.h>\n")
    lines = 1
    chunks = []
    while size < 10 * 1024 * 1024:
        s = "int fn_%d(int a, int b) { int c = a * %d + b; return c - %d; }\n" % (i, i % 97, i)
        chunks.append(s)
        size += len(s)
        i += 1
    f.write("".join(chunks))
    lines += len(chunks)
    f.write("void last(char *d, const char *s)\n{\n    strcpy(d, s);\n}\n")
    print(lines + 3)
PY
)
# timeout only guards against a hang; how fast this runs is measured in bench/, not here
expect_exit 0 -- timeout 900 "$ECG" check big.c --
assert_line "$OUT" "big.c:$big_line:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "10 MB source: the finding near the end"
assert_line "$ERR" "1 warning generated." "10 MB source: one finding"

# --- deep nesting ---------------------------------------------------------------------------
# a + a + ... with 10,000 terms is a left-leaning tree 10,000 deep; the strcpy is its
# deepest leaf, so finding it means the walk went all the way down.
python3 -c '
terms = ["(strcpy(d, s) != 0)"] + ["a"] * 9999
print("#include <string.h>")
print("int deep(char *d, const char *s, int a)")
print("{")
print("    return " + " + ".join(terms) + ";")
print("}")' >deep.c
expect_exit 0 -- "$ECG" check deep.c --
check_not_crashed "10,000-term expression"
assert_line "$OUT" "deep.c:4:13: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "10,000-term expression: the deepest call is reported"

# 10,000 nested parentheses exceed clang's bracket depth: a clang error, exit 3, no crash.
python3 -c '
print("int parens(int a)")
print("{")
print("    return " + "(" * 10000 + "a" + ")" * 10000 + ";")
print("}")' >parens.c
expect_exit 3 -- "$ECG" check parens.c good.c --
check_not_crashed "10,000 nested parentheses"
assert_contains "$ERR" "parens.c:3:" "nested parentheses: clang's error located"
assert_contains "$ERR" "bracket nesting level exceeded maximum of 256" \
    "nested parentheses: clang's bracket-depth error"
assert_line "$OUT" "$GOOD_LINE" "nested parentheses: the other file is analysed"

# --- -o failures ------------------------------------------------------------------------------
mkdir out
expect_exit 2 -- "$ECG" check -o no-such-dir/report.txt good.c --
assert_contains "$ERR" "no-such-dir/report.txt" "-o into a missing directory: named"
assert_no_file no-such-dir "-o into a missing directory: not created"
assert_eq "$OUT" "" "-o into a missing directory: nothing on stdout"

echo "previous report" >out/report.txt
expect_exit 2 -- "$ECG" check -o out/report.txt --config '{"checks": 1}' good.c --
assert_eq "$(cat out/report.txt)" "previous report" "-o, configuration error: old file untouched"
expect_exit 2 -- "$ECG" check -o out/report.txt missing.c --
assert_eq "$(cat out/report.txt)" "previous report" "-o, missing input: old file untouched"
expect_exit 2 -- "$ECG" check -o out/report.txt --format bogus good.c --
assert_eq "$(cat out/report.txt)" "previous report" "-o, usage error: old file untouched"
assert_eq "$(dir_entries out)" "report.txt " "-o failures: no temporary file left"

# -o naming a directory cannot be replaced.
mkdir out/taken
expect_exit 2 -- "$ECG" check -o out/taken good.c --
assert_contains "$ERR" "out/taken" "-o naming a directory: named"
assert_eq "$(dir_entries out)" "report.txt taken " "-o naming a directory: nothing left over"
assert_eq "$(dir_entries out/taken)" "" "-o naming a directory: directory left empty"

# A run with a unit error (exit 3) still writes the report of the other units.
expect_exit 3 -- "$ECG" check -o out/report.txt binary.c good.c --
assert_line "$(cat out/report.txt)" "$GOOD_LINE" "-o with exit 3: the report is written"
assert_eq "$(dir_entries out)" "report.txt taken " "-o with exit 3: no temporary file"
assert_eq "$(dir_entries "$T")" \
    ".ecg .git .io adir big.c binary.c deep.c empty.c good.c locked.c out parens.c with space.c " \
    "no stray files in the working directory (the results database is .ecg)"

e2e_finish
