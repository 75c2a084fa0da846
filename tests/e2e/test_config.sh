#!/usr/bin/env bash
# End-to-end: configuration -- .ecg.json discovery and inheritance, --checks,
# --config/--config-file, rule options, exclude, header filter, --dump-config,
# --list-checks, and the errors of bad configuration.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1
T=$E2E_TMP

write_file proj/src/copy.c <<'EOF'
#include <string.h>

void copy_name(char *dst, const char *src)
{
    strcpy(dst, src);
}
EOF
# A literal that fits: silent unless allow_bounded is false.
write_file proj/src/bounded.c <<'EOF'
#include <string.h>

void greet(void)
{
    char buf[16];
    strcpy(buf, "hello");
    (void)buf;
}
EOF
mkdir -p proj/gen proj/src/sub
cp proj/src/copy.c proj/gen/generated.c
cp proj/src/copy.c proj/src/sub/deep.c
write_file proj/inc/helpers.h <<'EOF'
#include <string.h>

static inline void helper_copy(char *d, const char *s) { strcpy(d, s); }
EOF
write_file proj/src/uses_header.c <<'EOF'
#include "helpers.h"

void use(char *d)
{
    helper_copy(d, "x");
}
EOF

COPY_LINE="proj/src/copy.c:5:5: warning: $E2E_STRCPY_MSG [security-banned-function]"
BOUNDED_LINE="proj/src/bounded.c:6:5: warning: $E2E_STRCPY_MSG [security-banned-function]"

# --- discovery ------------------------------------------------------------------------------
echo '{"checks": "-*"}' >proj/.ecg.json
expect_exit 0 -- "$ECG" check proj/src/copy.c --
assert_eq "$OUT" "" ".ecg.json in a parent directory disables the rule"
expect_exit 0 -- "$ECG" check --checks='security-*' proj/src/copy.c --
assert_line "$OUT" "$COPY_LINE" "--checks overrides the discovered file"
expect_exit 0 -- "$ECG" check --checks 'security-banned-function' proj/src/copy.c --
assert_line "$OUT" "$COPY_LINE" "--checks with a separate value"
expect_exit 0 -- "$ECG" check --config '{"checks": "*"}' proj/src/copy.c --
assert_line "$OUT" "$COPY_LINE" "--config overrides the discovered file"
expect_exit 0 -- env -C proj/src "$ECG" check copy.c --
assert_eq "$OUT" "" "discovery does not depend on the working directory"

# The nearest file wins; with "inherit" it is merged over its parent's.
echo '{"warnings_as_errors": "*"}' >proj/src/.ecg.json
expect_exit 1 -- "$ECG" check proj/src/copy.c --
assert_contains "$OUT" "proj/src/copy.c:5:5: error:" "nearest .ecg.json replaces the parent's"
echo '{"inherit": true, "warnings_as_errors": "*"}' >proj/src/.ecg.json
expect_exit 0 -- "$ECG" check proj/src/copy.c --
assert_eq "$OUT" "" "inherit: the parent's checks still apply"
echo '{"inherit": true, "checks": "security-*"}' >proj/src/.ecg.json
expect_exit 0 -- "$ECG" check proj/src/copy.c --
assert_line "$OUT" "$COPY_LINE" "inherit: later checks entries win"
rm proj/src/.ecg.json proj/.ecg.json

# --- rule options -------------------------------------------------------------------------
expect_exit 0 -- "$ECG" check proj/src/bounded.c --
assert_eq "$OUT" "" "bounded literal copy: silent by default"
echo '{"rules": {"security-banned-function": {"allow_bounded": false}}}' >proj/.ecg.json
expect_exit 0 -- "$ECG" check proj/src/bounded.c --
assert_line "$OUT" "$BOUNDED_LINE" "allow_bounded false in .ecg.json: bounded copy reported"
expect_exit 0 -- "$ECG" check \
    --config '{"rules": {"security-banned-function": {"allow_bounded": true}}}' proj/src/bounded.c --
assert_eq "$OUT" "" "--config option overrides the file's"
rm proj/.ecg.json

# --- --config-file --------------------------------------------------------------------------
echo '{"checks": "-*"}' >proj/.ecg.json
write_file elsewhere/strict.json <<'EOF'
{"rules": {"security-banned-function": {"allow_bounded": false}}, "warnings_as_errors": "*"}
EOF
expect_exit 1 -- "$ECG" check --config-file elsewhere/strict.json proj/src/bounded.c --
assert_line "$OUT" \
    "proj/src/bounded.c:6:5: error: $E2E_STRCPY_MSG [security-banned-function,-warnings-as-errors]" \
    "--config-file: used instead of the discovered .ecg.json"
expect_exit 2 -- "$ECG" check --config-file elsewhere/missing.json proj/src/copy.c --
assert_contains "$ERR" "elsewhere/missing.json" "--config-file missing: named"
assert_eq "$OUT" "" "--config-file missing: no output"
rm proj/.ecg.json

# --- exclude ------------------------------------------------------------------------------
echo '{"exclude": ["gen/*.c", "src/sub/**"]}' >proj/.ecg.json
expect_exit 0 -- "$ECG" check proj/src/copy.c proj/gen/generated.c proj/src/sub/deep.c --
assert_line "$OUT" "$COPY_LINE" "exclude: the other file is analysed"
assert_not_contains "$OUT" "generated.c" "exclude: gen/*.c skipped"
assert_not_contains "$OUT" "deep.c" "exclude: src/sub/** skipped"
assert_line "$ERR" "1 warning generated." "exclude: one finding in total"
rm proj/.ecg.json

# --- header filter --------------------------------------------------------------------------
HEADER_LINE="proj/inc/helpers.h:3:58: warning: $E2E_STRCPY_MSG [security-banned-function]"
expect_exit 0 -- "$ECG" check proj/src/uses_header.c -- -Iproj/inc
assert_line "$OUT" "$HEADER_LINE" "header under the project root: reported by default"
expect_exit 0 -- "$ECG" check --header-filter='other/' proj/src/uses_header.c -- -Iproj/inc
assert_eq "$OUT" "" "--header-filter not matching: header finding dropped"
expect_exit 0 -- "$ECG" check --header-filter='inc/helpers\.h$' proj/src/uses_header.c -- -Iproj/inc
assert_line "$OUT" "$HEADER_LINE" "--header-filter matching: header finding kept"
expect_exit 0 -- "$ECG" check --config '{"header_filter": "nothing"}' proj/src/uses_header.c \
    -- -Iproj/inc
assert_eq "$OUT" "" "header_filter in configuration"
expect_exit 0 -- "$ECG" check --project-root=proj/src proj/src/uses_header.c -- -Iproj/inc
assert_eq "$OUT" "" "header outside --project-root: dropped by default"
expect_exit 2 -- "$ECG" check --header-filter='(' proj/src/uses_header.c -- -Iproj/inc
assert_contains "$ERR" "header" "invalid --header-filter regex: configuration error naming it"
assert_not_contains "$ERR" "could not be analyzed" "invalid --header-filter regex: not a unit error"
expect_exit 2 -- "$ECG" check --config '{"header_filter": "("}' proj/src/uses_header.c -- -Iproj/inc
assert_contains "$ERR" "<--config>:1:19: error: 'header_filter' is not a valid regular expression" \
    "invalid header_filter in configuration: position"

# --- --checks with a glob that matches nothing ----------------------------------------------
expect_exit 0 -- "$ECG" check --checks='securty-*' proj/src/copy.c --
assert_contains "$ERR" "warning: check glob 'securty-*' matches no rule" \
    "unknown --checks glob: warning on stderr"
assert_line "$OUT" "$COPY_LINE" "unknown --checks glob: the rest still applies"

# --- --dump-config ------------------------------------------------------------------------
write_file proj/.ecg.json <<'EOF'
{
  "warnings_as_errors": ["security-*"],
  "exclude": ["gen/"],
  "rules": {"security-banned-function": {"allow_bounded": false}}
}
EOF
expect_exit 0 -- "$ECG" check --dump-config --checks='-*,security-*' proj/src/copy.c
dump=$(python3 -c '
import json, sys
c = json.loads(sys.stdin.read())
print(c["checks"])
print(c["warnings_as_errors"])
print(c["header_filter"])
print(c["exclude"])
print(c["rules"]["security-banned-function"]["allow_bounded"])
' <"$E2E_OUT" 2>&1)
assert_eq "$dump" "-*,security-*
security-*
None
['$T/proj/gen/**']
False" "--dump-config: effective options as JSON"
expect_exit 1 -- "$ECG" check proj/gen/generated.c proj/src/copy.c --
assert_not_contains "$OUT" "generated.c" "exclude 'gen/': everything below skipped"
assert_contains "$OUT" "proj/src/copy.c:5:5: error:" "warnings_as_errors as an array"
expect_exit 0 -- env -C proj "$ECG" check --dump-config
assert_contains "$OUT" '"allow_bounded":	false' "--dump-config with no file: the working directory's configuration"
rm proj/.ecg.json
expect_exit 0 -- "$ECG" check --dump-config proj/src/copy.c
dump=$(python3 -c '
import json, sys
c = json.loads(sys.stdin.read())
print(c["checks"], c["rules"]["security-banned-function"]["allow_bounded"])
' <"$E2E_OUT" 2>&1)
assert_eq "$dump" "None True" "--dump-config defaults"
# What --dump-config prints parses back as a configuration.
cp "$E2E_OUT" elsewhere/dumped.json
expect_exit 0 -- "$ECG" check --config-file elsewhere/dumped.json proj/src/copy.c --
assert_line "$OUT" "$COPY_LINE" "--dump-config output is a valid configuration file"

# --- --list-checks --------------------------------------------------------------------------
expect_exit 0 -- "$ECG" check --list-checks
assert_line "$OUT" "    security-banned-function" "--list-checks: the rule listed"
expect_exit 0 -- "$ECG" check --list-checks --checks='-*'
assert_not_contains "$OUT" "security-banned-function" "--list-checks --checks=-*: not listed"
echo '{"checks": "-*"}' >proj/.ecg.json
expect_exit 0 -- "$ECG" check --list-checks proj/src/copy.c
assert_not_contains "$OUT" "security-banned-function" "--list-checks: follows .ecg.json"
rm proj/.ecg.json
expect_exit 0 -- "$ECG" rules
assert_contains "$OUT" "security-banned-function" "ecg rules: lists the rule"
expect_exit 0 -- "$ECG" rules --json
rules=$(python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
ids = [x["id"] for x in r]
bf = [x for x in r if x["id"] == "security-banned-function"]
print(ids == sorted(set(ids)), [o["name"] for o in bf[0]["options"]] if bf else None,
      all(x["docs"] == "docs/rules/%s.md" % x["id"] for x in r))
' <"$E2E_OUT" 2>&1)
assert_eq "$rules" "True ['allow_bounded'] True" \
    "ecg rules --json: sorted unique ids, a rule's options, docs paths"

# --- bad configuration: exit 2 with file:line:col --------------------------------------------
printf '{\n  "checks": "-*"\n  "exclude": []\n}\n' >proj/.ecg.json
expect_exit 2 -- "$ECG" check proj/src/copy.c --
assert_contains "$ERR" "$T/proj/.ecg.json:3:3: error: invalid JSON" "malformed .ecg.json: position"
assert_eq "$OUT" "" "malformed .ecg.json: nothing reported"
assert_line_count "$ERR" 1 "malformed .ecg.json: a one-line message"
expect_exit 2 -- "$ECG" check --dump-config proj/src/copy.c
assert_contains "$ERR" "$T/proj/.ecg.json:3:3: error:" "malformed .ecg.json: --dump-config fails too"

echo '{"rules": {"security-banned-function": {"allow_unbounded": true}}}' >proj/.ecg.json
expect_exit 2 -- "$ECG" check proj/src/copy.c --
assert_contains "$ERR" \
    "$T/proj/.ecg.json:1:41: error: rule 'security-banned-function' has no option 'allow_unbounded'" \
    "unknown rule option: position and name"

echo '{"rules": {"complexity-maintainability": {"scale": "percent"}}}' >proj/.ecg.json
expect_exit 2 -- "$ECG" check proj/src/copy.c --
assert_contains "$ERR" \
    "$T/proj/.ecg.json:1:52: error: option 'scale' of rule 'complexity-maintainability' must be one of: original,normalized" \
    "option value outside its choices: position and the allowed values"

echo '{"rules": {"security-banned-function": {"allow_bounded": "no"}}}' >proj/.ecg.json
expect_exit 2 -- "$ECG" check proj/src/copy.c --
assert_contains "$ERR" "$T/proj/.ecg.json:1:58: error:" "option of the wrong type: position"

echo '{"rules": {"security-nonexistent": {}}}' >proj/.ecg.json
expect_exit 2 -- "$ECG" check proj/src/copy.c --
assert_contains "$ERR" "$T/proj/.ecg.json:1:12: error: unknown rule 'security-nonexistent'" \
    "unknown rule: position and name"

echo '{"chekcs": "-*"}' >proj/.ecg.json
expect_exit 2 -- "$ECG" check proj/src/copy.c --
assert_contains "$ERR" "$T/proj/.ecg.json:1:2: error: unknown key 'chekcs'" "unknown key: position"
rm proj/.ecg.json

expect_exit 2 -- "$ECG" check --config '{"checks": 5}' proj/src/copy.c --
assert_contains "$ERR" "<--config>:1:12: error:" "--config with a wrong type: position"
expect_exit 2 -- "$ECG" check --config '{' proj/src/copy.c --
assert_contains "$ERR" "<--config>:1:" "--config malformed: position"

e2e_finish
