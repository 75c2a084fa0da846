#!/usr/bin/env bash
# End-to-end: output is byte-identical whatever -j and the input order are, and a finding
# in a header included by every unit is reported once.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1
T=$E2E_TMP

write_file include/shared.h <<'EOF'
#ifndef SHARED_H
#define SHARED_H
#include <stdio.h>
#include <string.h>

static inline void shared_copy(char *dst, const char *src)
{
    strcpy(dst, src);
}
#endif
EOF

# Twelve units; units 2, 5, 7, 9 and 11 have findings of their own.
files=()
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    f=src/unit_$i.c
    files+=("$f")
    {
        echo '#include "shared.h"'
        echo
        echo "int unit_${i}_value(int x)"
        echo '{'
        echo "    return x * ${i#0} + 1;"
        echo '}'
        echo
        echo "void unit_${i}_work(char *dst, const char *src, int n)"
        echo '{'
        case $i in
        02) echo '    sprintf(dst, "%s-%d", src, n);' ;;
        05) echo '    strcat(dst, src);' ;;
        07) echo '    strcpy(dst, src);'
            echo '    strcat(dst, src);' ;;
        09) echo '    (void)scanf("%s", dst);' ;;
        11) echo '    sprintf(dst, "%f", (double)n);' ;;
        *) echo '    snprintf(dst, 8, "%d", n);' ;;
        esac
        echo '    (void)src;'
        echo '    (void)n;'
        echo '}'
    } | write_file "$f"
done

reversed=()
for ((k = ${#files[@]} - 1; k >= 0; k--)); do
    reversed+=("${files[k]}")
done

python3 - "$T" "${files[@]}" <<'PY' >compile_commands.json
import json, sys
root = sys.argv[1]
print(json.dumps([{"directory": root, "file": f,
                   "arguments": ["cc", "-Iinclude", "-c", f, "-o", f + ".o"]}
                  for f in sys.argv[2:]], indent=1))
PY

mkdir -p .io/det

# save NAME: keeps the last run's stdout and stderr as .io/det/NAME.{out,err}.
save()
{
    cp "$E2E_OUT" ".io/det/$1.out"
    cp "$E2E_ERR" ".io/det/$1.err"
}

# Analysis alone (no results database, so no unit is replayed from the cache).
expect_exit 0 -- "$ECG" check --no-db -j 1 "${files[@]}" -- -Iinclude
save text-j1
expect_exit 0 -- "$ECG" check --no-db -j 2 "${files[@]}" -- -Iinclude
save text-j2
expect_exit 0 -- "$ECG" check --no-db -j 2 "${files[@]}" -- -Iinclude
save text-j2b
expect_exit 0 -- "$ECG" check --no-db -j 12 "${reversed[@]}" -- -Iinclude
save text-j12-reversed
expect_exit 0 -- "$ECG" check --no-db -j 2 -p .
save text-db-j2
expect_exit 0 -- "$ECG" check --no-db -j 1 -p .
save text-db-j1
# The incremental cache must not change a byte of the report: a cold run fills it, a warm
# run replays every unit from it.
expect_exit 0 -- "$ECG" check --db .io/det/cache.db -j 2 "${files[@]}" -- -Iinclude
save text-cold
expect_exit 0 -- "$ECG" check --db .io/det/cache.db -j 1 "${files[@]}" -- -Iinclude
save text-warm
assert_same_file .io/det/text-j1.out .io/det/text-cold.out "cache: cold run identical"
assert_same_file .io/det/text-j1.out .io/det/text-warm.out "cache: warm run identical"
assert_contains "$(cat .io/det/text-warm.err)" \
    "ecg: ${#files[@]} of ${#files[@]} translation units unchanged; findings replayed from the cache" \
    "cache: the warm run replays every unit"

assert_same_file .io/det/text-j1.out .io/det/text-j2.out "text: -j 1 and -j 2 identical"
assert_same_file .io/det/text-j1.err .io/det/text-j2.err "text: -j 1 and -j 2 same summary"
assert_same_file .io/det/text-j2.out .io/det/text-j2b.out "text: two -j 2 runs identical"
assert_same_file .io/det/text-j1.out .io/det/text-j12-reversed.out \
    "text: reversed input order and -j 12 identical"
assert_same_file .io/det/text-j1.out .io/det/text-db-j2.out "text: database run identical"
assert_same_file .io/det/text-db-j1.out .io/det/text-db-j2.out "text: database -j 1 and -j 2"

text=$(cat .io/det/text-j1.out)
assert_count "$text" "include/shared.h:" 1 "text: the header finding appears once"
assert_line "$text" "include/shared.h:8:5: warning: $E2E_STRCPY_MSG [security-banned-function]" \
    "text: the header finding"
assert_count "$text" "[security-banned-function]" 7 "text: seven findings in total"
assert_eq "$(grep -o '^[^ :]*:[0-9]*:[0-9]*' .io/det/text-j1.out | tr '\n' ' ')" \
    "include/shared.h:8:5 src/unit_02.c:10:5 src/unit_05.c:10:5 src/unit_07.c:10:5 src/unit_07.c:11:5 src/unit_09.c:10:11 src/unit_11.c:10:5 " \
    "text: findings sorted by path, line, column"
assert_line "$(cat .io/det/text-j1.err)" "7 warnings generated." "text: summary counts each finding once"

expect_exit 0 -- "$ECG" check --format sarif --no-timestamps -j 1 "${files[@]}" -- -Iinclude
save sarif-j1
expect_exit 0 -- "$ECG" check --format sarif --no-timestamps -j 2 "${files[@]}" -- -Iinclude
save sarif-j2
expect_exit 0 -- "$ECG" check --format sarif --no-timestamps -j 2 "${reversed[@]}" -- -Iinclude
save sarif-j2-reversed
# The logs differ only in the command line they record (-j, the file order).
for name in sarif-j1 sarif-j2 sarif-j2-reversed; do
    grep -v '"commandLine":' ".io/det/$name.out" >".io/det/$name.nocmd"
done
assert_eq "$(grep -c '"commandLine":' .io/det/sarif-j1.out)" "1" "sarif: one command line recorded"
assert_same_file .io/det/sarif-j1.nocmd .io/det/sarif-j2.nocmd \
    "sarif: -j 1 and -j 2 identical but for the command line"
assert_same_file .io/det/sarif-j1.nocmd .io/det/sarif-j2-reversed.nocmd \
    "sarif: reversed input order identical but for the command line"
header_results=$(python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in runs[0]["results"]]
print(uris.count("include/shared.h"), len(uris), len(set(
    r["partialFingerprints"]["ecg/v1"] for r in runs[0]["results"])))
' .io/det/sarif-j2.out 2>&1)
assert_eq "$header_results" "1 7 7" "sarif: header result once, fingerprints unique"
expect_exit 0 -- "$ECG" check --format github -j 1 "${files[@]}" -- -Iinclude
save github-j1
expect_exit 0 -- "$ECG" check --format github -j 2 "${reversed[@]}" -- -Iinclude
save github-j2
assert_same_file .io/det/github-j1.out .io/det/github-j2.out "github: -j 1 and -j 2 identical"
assert_count "$(cat .io/det/github-j1.out)" "file=include/shared.h," 1 "github: header once"

e2e_finish
