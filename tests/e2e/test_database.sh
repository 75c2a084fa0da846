#!/usr/bin/env bash
# The results database end to end: the incremental cache (hits, and a miss for every input
# that matters), the baseline (new / unchanged / absent, surviving unrelated edits), the
# run history, --changed-since, and the database's fault cases.
source "$(dirname "$0")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

write_file include/common.h <<'C'
#include <string.h>
static inline void copy_name(char *d, const char *s) { strcpy(d, s); }
C
write_file a.c <<'C'
#include "common.h"
int a_unit(void) { return 1; }
C
write_file b.c <<'C'
#include <string.h>
void b_copy(char *d, const char *s)
{
    strcpy(d, s);
}
C
write_file c.c <<'C'
#include <stdio.h>
#include <string.h>
void c_fmt(char *d, int v)
{
#ifdef WIDE
    sprintf(d, "%d", v);
#endif
}
C
files=(a.c b.c c.c)
DB=.io/ecg.db
warm_line() { echo "ecg: $1 of 3 translation units unchanged; findings replayed from the cache"; }

# --- cache ---------------------------------------------------------------------------
expect_exit 0 -- "$ECG" check --db "$DB" "${files[@]}" -- -Iinclude
cold_out=$OUT
assert_not_contains "$ERR" "replayed from the cache" "cache: the cold run parses every unit"
expect_exit 0 -- "$ECG" check --db "$DB" "${files[@]}" -- -Iinclude
assert_line "$ERR" "$(warm_line 3)" "cache: warm run replays all three units"
assert_eq "$OUT" "$cold_out" "cache: warm output identical"

touch b.c
expect_exit 0 -- "$ECG" check --db "$DB" "${files[@]}" -- -Iinclude
assert_line "$ERR" "$(warm_line 3)" "cache: a touched (unchanged) file is still a hit"

printf '/* an edit */\n' >> b.c
expect_exit 0 -- "$ECG" check --db "$DB" "${files[@]}" -- -Iinclude
assert_line "$ERR" "$(warm_line 2)" "cache: editing a unit re-analyzes only it"

printf 'static inline void copy_more(char *d, const char *s) { strcat(d, s); }\n' >> include/common.h
expect_exit 0 -- "$ECG" check --db "$DB" "${files[@]}" -- -Iinclude
assert_line "$ERR" "$(warm_line 2)" "cache: editing a header re-analyzes the unit that includes it"
assert_contains "$OUT" "include/common.h:3:" "cache: the header's new finding is reported"

expect_exit 0 -- "$ECG" check --db "$DB" "${files[@]}" -- -Iinclude -DWIDE
assert_not_contains "$ERR" "replayed from the cache" "cache: changed compile arguments are a miss for every unit"
assert_contains "$OUT" "c.c:6:5:" "cache: the finding the new flag enables is reported"

expect_exit 0 -- "$ECG" check --db "$DB" --config '{"rules":{"security-banned-function":{"allow_bounded":false}}}' "${files[@]}" -- -Iinclude -DWIDE
assert_not_contains "$ERR" "replayed from the cache" "cache: a changed rule option is a miss"

expect_exit 0 -- "$ECG" check --db "$DB" --no-cache "${files[@]}" -- -Iinclude
assert_not_contains "$ERR" "replayed from the cache" "cache: --no-cache analyzes everything"

expect_exit 0 -- "$ECG" check --no-db "${files[@]}" -- -Iinclude
assert_no_file .ecg/ecg.db "--no-db writes no database"

# --- baseline ------------------------------------------------------------------------
expect_exit 2 -- "$ECG" check --db .io/fresh.db --baseline "${files[@]}" -- -Iinclude
assert_contains "$ERR" "no baseline has been saved" "baseline: none saved is a usage error"

expect_exit 0 -- "$ECG" baseline save --db "$DB" "${files[@]}" -- -Iinclude
assert_contains "$OUT" "baseline saved: 3 finding(s)" "baseline: save reports the count"

# Unrelated edits: ten lines above the finding in b.c, and another function reformatted.
{ printf '/* pad */\n%.0s' 1 2 3 4 5 6 7 8 9 10; cat b.c; } > b.tmp && mv b.tmp b.c
printf 'int\nother( void )\n{\n  return   0 ;\n}\n' >> b.c
expect_exit 0 -- "$ECG" check --db "$DB" --baseline --warnings-as-errors='*' "${files[@]}" -- -Iinclude
assert_eq "$OUT" "" "baseline: unchanged findings are not listed"
assert_line "$ERR" "ecg: baseline: 0 new, 3 unchanged (not shown), 0 fixed" \
    "baseline: findings survive unrelated edits"

printf 'void b_more(char *d, const char *s) { strcat(d, s); }\n' >> b.c
expect_exit 1 -- "$ECG" check --db "$DB" --baseline --warnings-as-errors='*' "${files[@]}" -- -Iinclude
assert_contains "$OUT" "strcat" "baseline: the new finding is listed"
assert_not_contains "$OUT" "strcpy" "baseline: old ones are not"
assert_line "$ERR" "ecg: baseline: 1 new, 3 unchanged (not shown), 0 fixed" "baseline: counts"

sed -i 's/    strcpy(d, s);/    (void)d; (void)s;/' b.c
expect_exit 1 -- "$ECG" check --db "$DB" --baseline --warnings-as-errors='*' --format sarif --no-timestamps -o .io/base.sarif "${files[@]}" -- -Iinclude
states=$(python3 - .io/base.sarif <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
print(" ".join(sorted(r.get("baselineState", "-") for r in run["results"])))
PY
)
assert_eq "$states" "absent new unchanged unchanged" "baseline: SARIF baselineState new/unchanged/absent"
if [ -f "$ECG_SOURCE_DIR/tests/sarif/validate.py" ] && [ -n "${ECG_SARIF_SCHEMA:-}" ]; then
    if python3 "$ECG_SOURCE_DIR/tests/sarif/validate.py" --schema "$ECG_SARIF_SCHEMA" .io/base.sarif >/dev/null 2>&1; then
        e2e_pass
    else
        e2e_fail "baseline: the SARIF with baselineState validates"
    fi
fi

# --- history -------------------------------------------------------------------------
expect_exit 0 -- "$ECG" history --db "$DB"
rows=$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)
[ "$rows" -ge 10 ] && e2e_pass || e2e_fail "history: every run recorded" "rows: $rows" "$OUT"
expect_exit 0 -- "$ECG" history --db "$DB" --limit 1
assert_line_count "$OUT" 2 "history: --limit 1 prints a header and one run"
expect_exit 2 -- "$ECG" history --db "$DB" --limit many

# --- --changed-since -----------------------------------------------------------------
rm -rf .git
git init -q . && git add a.c b.c c.c include && \
    git -c user.name=t -c user.email=t@example.invalid commit -qm base
printf 'void c_new(char *d) { strcpy(d, "longer than you think, much longer"); }\n' >> c.c
expect_exit 0 -- "$ECG" check --db "$DB" --changed-since HEAD "${files[@]}" -- -Iinclude
assert_count "$OUT" ": warning:" 1 "changed-since: only the finding on the changed line"
assert_contains "$OUT" "c.c:9:" "changed-since: it is the new line's finding"
head_commit=$(git rev-parse HEAD)
expect_exit 0 -- "$ECG" history --db "$DB" --limit 1
assert_contains "$OUT" "${head_commit:0:12}" "history: the run inside a git checkout records its commit"
expect_exit 2 -- "$ECG" check --db "$DB" --changed-since no-such-rev "${files[@]}" -- -Iinclude
assert_contains "$ERR" "no-such-rev" "changed-since: an unknown revision is named"

# --- faults ----------------------------------------------------------------------------
printf 'this is not a database, just text that happens to sit here\n' > .io/junk.db
expect_exit 2 -- "$ECG" check --db .io/junk.db a.c -- -Iinclude
assert_contains "$ERR" "--reset-db" "faults: a foreign file is an error that names --reset-db"
expect_exit 0 -- "$ECG" check --db .io/junk.db --reset-db a.c -- -Iinclude
expect_exit 0 -- "$ECG" check --db .io/junk.db a.c -- -Iinclude
assert_line "$ERR" "ecg: 1 of 1 translation units unchanged; findings replayed from the cache" \
    "faults: after --reset-db the database works"

# Two processes at once on one database: both succeed and both runs are recorded.
"$ECG" check --db .io/shared.db --no-cache "${files[@]}" -- -Iinclude >/dev/null 2>.io/p1.err &
p1=$!
"$ECG" check --db .io/shared.db --no-cache "${files[@]}" -- -Iinclude >/dev/null 2>.io/p2.err &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
assert_eq "$rc1 $rc2" "0 0" "faults: two concurrent runs both succeed" "$(cat .io/p1.err .io/p2.err)"
expect_exit 0 -- "$ECG" history --db .io/shared.db
assert_eq "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)" "2" "faults: both runs recorded"

# A run killed mid-way leaves a database that passes integrity_check and still works.
for i in $(seq 1 30); do
    printf '#include <string.h>\nvoid k%d(char *d, const char *s) { strcpy(d, s); }\n' "$i" > "k$i.c"
done
"$ECG" check --db .io/killed.db -j 2 k*.c -- >/dev/null 2>&1 &
victim=$!
sleep 0.3
kill -KILL "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
if command -v sqlite3 >/dev/null && [ -f .io/killed.db ]; then
    assert_eq "$(sqlite3 .io/killed.db 'PRAGMA integrity_check;')" "ok" "faults: integrity after SIGKILL"
fi
expect_exit 0 -- "$ECG" check --db .io/killed.db k1.c --
assert_contains "$OUT" "k1.c:2:" "faults: the next run after SIGKILL works"

# A read-only database directory: the analysis still runs, with a warning.
if [ "$(id -u)" -eq 0 ]; then
    mkdir -p ro && chmod 755 ro && cp b.c ro/b.c && chmod 555 ro
    cp "$ECG" .io/ecg-copy && chmod 755 .io .io/ecg-copy
    E2E_LAST_CMD="setpriv nobody: ecg check --db ro/.ecg/ecg.db ro/b.c --"
    OUT=$(setpriv --reuid=nobody --regid=nogroup --clear-groups .io/ecg-copy check \
          --db "$E2E_TMP/ro/.ecg/ecg.db" "$E2E_TMP/ro/b.c" -- 2>.io/ro.err)
    RC=$?
    ERR=$(cat .io/ro.err)
else
    mkdir -p ro && cp b.c ro/b.c && chmod 555 ro
    run "$ECG" check --db ro/.ecg/ecg.db ro/b.c --
fi
check_exit 0 "faults: read-only database directory"
assert_contains "$ERR" "analyzing without the results database" "faults: read-only: a warning"
assert_contains "$OUT" "ro/b.c:22:39: warning:" "faults: read-only: findings still reported"
chmod 755 ro

e2e_finish
