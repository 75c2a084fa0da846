#!/usr/bin/env bash
# End-to-end: compiler flags from compile_commands.json (-p, discovery above the file) and
# from the command line (after --, --extra-arg), and the errors of a bad database.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1
T=$E2E_TMP

# The finding exists only when USE_UNSAFE is defined to the string literal "yes please"
# and cfg.h is found through -I; a wrong value stops the unit with a clang error.
write_file include/cfg.h <<'EOF'
#define CFG_FOUND 1
EOF
write_file src/unsafe.c <<'EOF'
#include <string.h>
#include "cfg.h"

void copy_name(char *dst, const char *src)
{
#ifdef USE_UNSAFE
    _Static_assert(sizeof(USE_UNSAFE) == sizeof("yes please"), "USE_UNSAFE value");
    strcpy(dst, src);
#endif
    (void)dst;
    (void)src;
}
EOF
write_file src/other.c <<'EOF'
#include <string.h>

void append_name(char *dst, const char *src)
{
    strcat(dst, src);
}
EOF
cp src/unsafe.c src/neighbour.c
write_file src/broken.c <<'EOF'
int broken(void)
{
    return undeclared_thing;
}
EOF

STRCAT_MSG="'strcat' cannot bound its output; use 'strncat' with the space left, or 'snprintf'"
UNSAFE_LINE="src/unsafe.c:8:5: warning: $E2E_STRCPY_MSG [security-banned-function]"

# --- "arguments" ------------------------------------------------------------------------
mkdir -p build-args
write_file build-args/compile_commands.json <<EOF
[
  {
    "directory": "$T/build-args",
    "arguments": ["/usr/bin/cc", "-I../include", "-DUSE_UNSAFE=\"yes please\"", "-c",
                  "../src/unsafe.c", "-o", "unsafe.o"],
    "file": "../src/unsafe.c"
  },
  {
    "directory": "$T/build-args",
    "arguments": ["/usr/bin/cc", "-c", "$T/src/other.c", "-o", "other.o"],
    "file": "$T/src/other.c",
    "output": "other.o"
  }
]
EOF
expect_exit 0 -- "$ECG" check -p build-args
assert_contains "$OUT" "unsafe.c:8:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "arguments: define and include path honoured"
assert_contains "$OUT" "other.c:5:5: warning: $STRCAT_MSG [security-banned-function]" \
    "arguments: second entry analysed"
assert_count "$OUT" "[security-banned-function]" 2 "arguments: exactly two findings"
assert_line "$ERR" "2 warnings generated." "arguments: summary"
assert_eq "$(dir_entries build-args)" "compile_commands.json " "arguments: no object file written"

# Paths under the working directory print relative to it, as for files given directly,
# even though the entries' directory is elsewhere.
assert_line "$OUT" "$UNSAFE_LINE" "arguments: path relative to the working directory"

# -p DIR FILE analyses only that file's entry.
expect_exit 0 -- "$ECG" check -p build-args src/other.c
assert_count "$OUT" "[security-banned-function]" 1 "-p DIR FILE: only the file's entry"
assert_contains "$OUT" "other.c:5:5: warning:" "-p DIR FILE: the file's finding"
assert_not_contains "$OUT" "unsafe.c" "-p DIR FILE: other entries not analysed"
expect_exit 0 -- "$ECG" check --build-path=build-args src/unsafe.c
assert_contains "$OUT" "unsafe.c:8:5: warning:" "--build-path=DIR FILE: the entry's flags"

# A file without an entry borrows the flags of the entry in the nearest directory.
expect_exit 0 -- "$ECG" check -p build-args src/neighbour.c
assert_contains "$OUT" "neighbour.c:8:5: warning: $E2E_STRCPY_MSG" \
    "-p DIR FILE: a file without an entry uses its neighbour's flags"

# -o with a relative path is relative to where ecg was started, not to an entry's directory.
expect_exit 0 -- "$ECG" check -p build-args -o report.txt
assert_file_exists "$T/report.txt" "-o relative: written in the working directory"
assert_no_file "$T/build-args/report.txt" "-o relative: not written in the entry's directory"
assert_contains "$(cat "$T/report.txt" 2>/dev/null)" "unsafe.c:8:5: warning:" \
    "-o relative: the report"
rm -f "$T/report.txt" "$T/build-args/report.txt"

# --- "command" with an escaped, quoted define (as CMake writes it) ------------------------
mkdir -p build-cmd
write_file build-cmd/compile_commands.json <<EOF
[{"directory": "$T/build-cmd",
  "command": "/usr/bin/cc -I../include -DUSE_UNSAFE=\"\\\\\"yes please\\\\\"\" -o unsafe.o -c ../src/unsafe.c",
  "file": "../src/unsafe.c"}]
EOF
expect_exit 0 -- "$ECG" check -p build-cmd
assert_contains "$OUT" "unsafe.c:8:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "command: quoted define honoured"
assert_not_contains "$ERR" "error:" "command: no clang error"

# The same database without the define: silent.
mkdir -p build-plain
write_file build-plain/compile_commands.json <<EOF
[{"directory": "$T/build-plain", "command": "cc -I../include -c ../src/unsafe.c",
  "file": "../src/unsafe.c"}]
EOF
expect_exit 0 -- "$ECG" check -p build-plain
assert_eq "$OUT" "" "command without the define: no finding"

# --extra-arg / --extra-arg-before add to the entry's flags.
expect_exit 0 -- "$ECG" check -p build-plain '--extra-arg=-DUSE_UNSAFE="yes please"'
assert_contains "$OUT" "unsafe.c:8:5: warning:" "--extra-arg: appended to the entry's flags"
expect_exit 0 -- "$ECG" check -p build-plain '--extra-arg-before=-DUSE_UNSAFE="yes please"'
assert_contains "$OUT" "unsafe.c:8:5: warning:" "--extra-arg-before: prepended"

# --- discovery: compile_commands.json in an ancestor of the file --------------------------
cp build-cmd/compile_commands.json compile_commands.json
expect_exit 0 -- "$ECG" check src/unsafe.c
assert_contains "$OUT" "unsafe.c:8:5: warning:" "discovered database: flags used"
assert_not_contains "$ERR" "no compilation database" "discovered database: no warning"
rm compile_commands.json

expect_exit 3 -- "$ECG" check src/unsafe.c
assert_contains "$ERR" "no compilation database found" "no database: warning on stderr"
assert_contains "$ERR" "unsafe.c:2:10: error: 'cfg.h' file not found" \
    "no database: clang's error for the missing include"

# --- flags after -- -------------------------------------------------------------------------
expect_exit 0 -- "$ECG" check src/unsafe.c -- -Iinclude '-DUSE_UNSAFE="yes please"'
assert_line "$OUT" "$UNSAFE_LINE" "-- flags: honoured"
expect_exit 0 -- "$ECG" check src/unsafe.c -- gcc -Iinclude '-DUSE_UNSAFE="yes please"' \
    -c src/unsafe.c -o unsafe.o -MD -MF unsafe.d
assert_line "$OUT" "$UNSAFE_LINE" "-- compiler command line: honoured"
assert_no_file unsafe.o "-- compiler command line: no object file written"
assert_no_file unsafe.d "-- compiler command line: no dependency file written"
expect_exit 0 -- "$ECG" check src/unsafe.c -- /usr/bin/cc -Iinclude -c src/unsafe.c
assert_eq "$OUT" "" "-- compiler command line without the define: no finding"

# --- errors ---------------------------------------------------------------------------------
mkdir -p empty-dir
expect_exit 2 -- "$ECG" check -p empty-dir
assert_contains "$ERR" "no compile_commands.json in 'empty-dir'" "-p without a database: message"
assert_eq "$OUT" "" "-p without a database: no output"
expect_exit 2 -- "$ECG" check -p does-not-exist src/other.c
assert_contains "$ERR" "does-not-exist" "-p to a missing directory: named"

mkdir -p build-bad
printf '[\n  {"directory": "/tmp",\n   "file": "a.c" "command": "cc -c a.c"}\n]\n' \
    >build-bad/compile_commands.json
expect_exit 2 -- "$ECG" check -p build-bad
assert_contains "$ERR" "build-bad/compile_commands.json:3:18: error:" \
    "malformed database: path:line:col of the error"
assert_eq "$OUT" "" "malformed database: no output"

printf '[{"directory": "/tmp", "command": "cc -c a.c"}]\n' >build-bad/compile_commands.json
expect_exit 2 -- "$ECG" check -p build-bad
assert_contains "$ERR" "build-bad/compile_commands.json:1:2: error:" \
    "entry without file: position of the entry"
assert_contains "$ERR" '"file"' "entry without file: names the missing key"

printf '{"directory": "/tmp"}\n' >build-bad/compile_commands.json
expect_exit 2 -- "$ECG" check -p build-bad
assert_contains "$ERR" "build-bad/compile_commands.json:1:1: error:" "not an array: position"

# --- a unit that does not compile -----------------------------------------------------------
mkdir -p build-mixed
write_file build-mixed/compile_commands.json <<EOF
[
  {"directory": "$T", "arguments": ["cc", "-c", "src/broken.c"], "file": "src/broken.c"},
  {"directory": "$T", "arguments": ["cc", "-c", "src/other.c"], "file": "src/other.c"}
]
EOF
expect_exit 3 -- "$ECG" check -p build-mixed
assert_contains "$ERR" "broken.c:3:12: error: use of undeclared identifier 'undeclared_thing'" \
    "broken unit: clang's error printed"
assert_contains "$ERR" "broken.c' could not be analyzed" "broken unit: named as not analysed"
assert_contains "$ERR" "1 of 2 translation units could not be analyzed" "broken unit: summary"
assert_contains "$OUT" "other.c:5:5: warning: $STRCAT_MSG [security-banned-function]" \
    "broken unit: the other unit is still reported"
expect_exit 3 -- "$ECG" check -j 1 -p build-mixed
assert_contains "$OUT" "other.c:5:5: warning:" "broken unit, -j 1: the other unit is reported"

# A database found for one file must not serve a file in a sibling directory whose name
# merely starts with the same letters (b/ and bc/).
mkdir -p sib/b sib/bc
printf '#include <string.h>\nvoid fb(char *d, const char *s)\n{\n#ifdef FROM_B\n    strcpy(d, s);\n#endif\n}\n' > sib/b/x.c
cp sib/b/x.c sib/bc/y.c
printf '[{"directory": "%s/sib/b", "file": "x.c", "arguments": ["cc", "-DFROM_B", "-c", "x.c"]}]\n' \
    "$PWD" > sib/b/compile_commands.json
expect_exit 0 -- "$ECG" check --no-db sib/b/x.c sib/bc/y.c
assert_contains "$OUT" "sib/b/x.c:5:5: warning:" "sibling directories: the database's own file uses it"
assert_not_contains "$OUT" "sib/bc/y.c" "sibling directories: bc/ does not borrow b/'s flags"
assert_contains "$ERR" "no compilation database found for" "sibling directories: bc/ is told it has none"

e2e_finish
