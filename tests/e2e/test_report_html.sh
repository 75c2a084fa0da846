#!/usr/bin/env bash
# End-to-end: `ecg report html` writes one self-contained page (no load from elsewhere) whose
# embedded data holds every result of the log with the right state, source lines and flows,
# escapes text that could close its script element, draws the metrics as SVG, is the same
# bytes on every run, and refuses bad input with exit 2 and a located error, leaving no file.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=report_fixture.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/report_fixture.sh"
e2e_setup
cd "$E2E_TMP" || exit 1
report_fixture

expect_exit 0 -- "$ECG" report html states.sarif --metrics metrics.json -o report.html
[ -s report.html ] && e2e_pass || e2e_fail "report.html was not written"

# The page's data, read back with Python: per-state counts, snippets, flows, escaping.
out=$(python3 - <<'PY'
import json, re
page = open("report.html", encoding="utf-8").read()
m = re.search(r'<script type="application/json" id="ecg-data">(.*?)</script>', page, re.S)
data = json.loads(m.group(1))
want = json.load(open("expect.json"))["tabs"]
got = {k: sum(f["k"] == k for f in data["findings"]) for k in want}
print("states", "ok" if got == want else "got %s want %s" % (got, want))
hits = [f for f in data["findings"] if "'sprintf'" in f["m"] and f.get("sn")]
line = hits[0]["sn"]["t"][hits[0]["sn"]["h"][0] - hits[0]["sn"]["a"]] if hits else ""
print("snippet", line.strip())
print("flows", sum(1 for f in data["findings"] if f.get("flow")))
print("scripts", len(re.findall(r"<script", page)))
print("pwned", "pwned" in page and "<script>window.pwned" in page)
print("external", len(re.findall(r'<(?:link|img|iframe)\b|\bsrc=|@import|url\(', page)))
print("csp", "Content-Security-Policy" in page)
print("svg", len(re.findall(r"<svg", page)))
PY
)
assert_line "$out" "states ok" "every result is on the tab of its state"
assert_line "$out" 'snippet sprintf(buf, "name=%s", name);' "the finding shows its source line, read from the file"
assert_not_contains "$out" "flows 0" "the taint finding carries its flow steps"
assert_line "$out" "scripts 2" "text in messages cannot open or close a script element"
assert_line "$out" "pwned False" "a message with </script> is escaped"
assert_line "$out" "external 0" "nothing is loaded from elsewhere"
assert_line "$out" "csp True" "a Content-Security-Policy forbids loads"
assert_not_contains "$out" "svg 0" "the metrics are drawn as SVG"
assert_contains "$(cat report.html)" "classify" "the complexity chart names the most complex function"

# Same input, same bytes.
expect_exit 0 -- "$ECG" report html states.sarif --metrics metrics.json -o again.html
cmp -s report.html again.html && e2e_pass || e2e_fail "two runs wrote different pages"

# Without metrics there is no complexity section.
expect_exit 0 -- "$ECG" report html states.sarif -o plain.html
assert_not_contains "$(cat plain.html)" 'id="metrics"' "no metrics, no complexity section"

# Bad input: exit 2, a located error, and no output file (nor a temporary one) left behind.
mkdir bad && cd bad || exit 1
printf '{"version": "2.1.0", "runs": [\n  {"tool": 3}\n]}\n' >notsarif.sarif
printf '{"version": "2.1.0",\n "runs": [}\n' >broken.sarif
printf '{"functions": [{"path": "a.c"}], "files": []}\n' >badmetrics.json
expect_exit 2 -- "$ECG" report html missing.sarif -o out.html
assert_contains "$ERR" "missing.sarif" "a missing log is named"
expect_exit 2 -- "$ECG" report html broken.sarif -o out.html
assert_contains "$ERR" "broken.sarif:2:" "invalid JSON is reported with its line"
expect_exit 2 -- "$ECG" report html notsarif.sarif -o out.html
assert_contains "$ERR" "notsarif.sarif:2:" "a log that is not SARIF is reported where it goes wrong"
expect_exit 2 -- "$ECG" report html ../states.sarif --metrics badmetrics.json -o out.html
assert_contains "$ERR" "functions[0]: 'function'" "metrics of the wrong shape are named"
expect_exit 2 -- "$ECG" report html ../states.sarif --metrics nothere.json -o out.html
assert_contains "$ERR" "nothere.json" "a missing metrics file is named"
expect_exit 2 -- "$ECG" report html ../states.sarif
assert_contains "$ERR" "-o OUT.html" "the output is required"
expect_exit 2 -- "$ECG" report html ../states.sarif -o out.html --bogus
assert_contains "$ERR" "--bogus" "an unknown option is named"
expect_exit 2 -- "$ECG" report html ../states.sarif -o no/such/dir/out.html
assert_eq "$(ls -A)" "$(printf 'badmetrics.json\nbroken.sarif\nnotsarif.sarif')" \
    "failed runs leave no output or temporary file"
expect_exit 0 -- "$ECG" report --help
assert_contains "$OUT" "ecg report html IN.sarif" "the help shows the usage"

e2e_finish
