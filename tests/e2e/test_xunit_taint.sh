#!/usr/bin/env bash
# Cross-unit taint end to end: getenv() in main.c reaches system() in exec.c through a
# function of relay.c; the finding's flow starts in main.c and its SARIF code flow names all
# three files (schema-validated); the allow-listed version is silent; the output does not
# depend on -j or the order of the units; a warm cache run gives the same bytes, and editing
# the file with the source changes the result of the units replayed from the cache.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1
mkdir .io/logs

write_file src/jobs.h <<'EOF'
void relay_job(const char *spec);
void run_job(const char *command);
EOF
write_file src/main.c <<'EOF'
#include <stdlib.h>
#include "jobs.h"

int main(void)
{
    const char *spec = getenv("JOB_SPEC");

    if (spec == NULL)
        return 1;
    relay_job(spec);
    return 0;
}
EOF
write_file src/relay.c <<'EOF'
#include <stdio.h>
#include "jobs.h"

void relay_job(const char *spec)
{
    char command[256];

    snprintf(command, sizeof(command), "/usr/bin/batch %s", spec);
    run_job(command);
}
EOF
write_file src/exec.c <<'EOF'
#include <stdlib.h>
#include "jobs.h"

void run_job(const char *command)
{
    if (system(command) != 0)
        exit(1);
}
EOF
write_file fixed/exec.c <<'EOF'
#include <stdlib.h>
#include <string.h>
#include "jobs.h"

static const char *const allowed[] = { "/usr/bin/batch nightly", "/usr/bin/batch weekly" };

void run_job(const char *command)
{
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
        if (strcmp(command, allowed[i]) == 0) {
            if (system(allowed[i]) != 0)
                exit(1);
            return;
        }
    }
}
EOF
cp src/jobs.h fixed/jobs.h
cp src/main.c src/relay.c fixed/
CHECKS='--checks=-*,security-command-injection'

# query LOG EXPR: the Python expression EXPR over .io/logs/LOG.sarif (log, results bound).
query()
{
    python3 -c '
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
results = log["runs"][0]["results"]
print(eval(sys.argv[2]))' ".io/logs/$1.sarif" "$2" 2>&1
}

validate()
{
    local out
    if out=$(python3 "$ECG_SOURCE_DIR/tests/sarif/validate.py" --schema "$ECG_SARIF_SCHEMA" \
        ".io/logs/$1.sarif" 2>&1); then
        e2e_pass
    else
        e2e_fail "$1: schema validation" "$out"
    fi
}

# --- the flow across three units ---------------------------------------------------------
expect_exit 0 -- "$ECG" check "$CHECKS" --no-db --no-timestamps --format sarif \
    src/main.c src/relay.c src/exec.c --
cp "$E2E_OUT" .io/logs/flow.sarif
validate flow
assert_eq "$(query flow 'len(results)')" "1" "flow: one finding"
assert_eq "$(query flow 'results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]')" \
    "src/exec.c" "flow: the finding is at the sink, in exec.c"
assert_eq "$(query flow '[l["location"]["physicalLocation"]["artifactLocation"]["uri"] for l in results[0]["codeFlows"][0]["threadFlows"][0]["locations"]]')" \
    "['src/main.c', 'src/main.c', 'src/main.c', 'src/relay.c', 'src/relay.c', 'src/exec.c']" \
    "flow: the code flow runs through main.c, relay.c and exec.c"
assert_eq "$(query flow 'results[0]["codeFlows"][0]["threadFlows"][0]["locations"][0]["location"]["message"]["text"]')" \
    "getenv() returns data from the environment" "flow: it starts at getenv() in main.c"
assert_eq "$(query flow 'results[0]["codeFlows"][0]["threadFlows"][0]["locations"][0]["location"]["physicalLocation"]["region"]["startLine"]')" \
    "6" "flow: at main.c's line 6"

expect_exit 0 -- "$ECG" check "$CHECKS" --no-db src/main.c src/relay.c src/exec.c --
assert_contains "$OUT" "src/main.c:6:24: note: step 1: getenv() returns data from the environment" \
    "text: the first note is in main.c"
assert_contains "$OUT" "src/relay.c:8:5: note: step 4: formatted into 'command' by snprintf()" \
    "text: a note in relay.c"

# --- determinism ---------------------------------------------------------------------------
expect_exit 0 -- "$ECG" check "$CHECKS" --no-db --no-timestamps --format sarif -j 1 \
    src/exec.c src/relay.c src/main.c --
cp "$E2E_OUT" .io/logs/j1.sarif
expect_exit 0 -- "$ECG" check "$CHECKS" --no-db --no-timestamps --format sarif -j 3 \
    src/exec.c src/relay.c src/main.c --
cp "$E2E_OUT" .io/logs/j3.sarif
assert_eq "$(query j1 'results')" "$(query j3 'results')" "determinism: -j 1 and -j 3 agree"
assert_eq "$(query j1 'results[0]["codeFlows"]')" "$(query flow 'results[0]["codeFlows"]')" \
    "determinism: the order of the units does not change the flow"

# --- silent cases ------------------------------------------------------------------------
expect_exit 0 -- "$ECG" check "$CHECKS" --no-db fixed/main.c fixed/relay.c fixed/exec.c --
assert_not_contains "$OUT" "security-command-injection" "fixed: the allow-listed version is silent"
expect_exit 0 -- "$ECG" check "$CHECKS" --no-db src/exec.c src/relay.c --
assert_not_contains "$OUT" "security-command-injection" "alone: without main.c no data comes in"

# --- the incremental cache -----------------------------------------------------------------
DB=.io/ecg.db
files=(src/main.c src/relay.c src/exec.c)
expect_exit 0 -- "$ECG" check "$CHECKS" --db "$DB" --no-timestamps --format sarif "${files[@]}" --
cp "$E2E_OUT" .io/logs/cold.sarif
expect_exit 0 -- "$ECG" check "$CHECKS" --db "$DB" --no-timestamps --format sarif "${files[@]}" --
cp "$E2E_OUT" .io/logs/warm.sarif
assert_same_file .io/logs/cold.sarif .io/logs/warm.sarif "cache: the warm run gives the same bytes"
assert_contains "$ERR" "3 of 3 translation units unchanged" "cache: the warm run replays every unit"

cp src/main.c .io/main.c.orig
sed -i 's|getenv("JOB_SPEC")|"nightly"|' src/main.c
expect_exit 0 -- "$ECG" check "$CHECKS" --db "$DB" "${files[@]}" --
assert_not_contains "$OUT" "security-command-injection" \
    "cache: with the source gone from main.c, the cached exec.c no longer reports"
cp .io/main.c.orig src/main.c
expect_exit 0 -- "$ECG" check "$CHECKS" --db "$DB" --no-timestamps --format sarif "${files[@]}" --
cp "$E2E_OUT" .io/logs/back.sarif
assert_same_file .io/logs/cold.sarif .io/logs/back.sarif "cache: the source restored, the finding is back"

e2e_finish
