# Shared by the HTML report tests: writes into the current directory a small project with
# planted defects (src/app.c), its SARIF log with one result of each state (states.sarif:
# a suppressed one, one unchanged since the baseline, one absent, the rest new), the
# metrics of its functions (metrics.json), and expect.json with the counts a reader of the
# log computes independently of ecg's report code.
# shellcheck shell=bash

report_fixture()
{
    mkdir -p src
    cat >src/app.c <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void greet(char *out, const char *name)
{
    strcpy(out, "hello ");
    strcat(out, name);
}

int run_tool(void)
{
    const char *cmd = getenv("TOOL");
    return system(cmd);
}

void label(char *buf, const char *name)
{
    sprintf(buf, "name=%s", name);
}

int classify(int a, int b, int c, int d)
{
    int score = 0;
    if (a > 0 && b > 0)
        score++;
    if (b > 1 || c > 1)
        score++;
    for (int i = 0; i < a; i++) {
        if (i % 2 == 0 && d > i)
            score += 2;
        else if (i % 3 == 0)
            score--;
        while (score > 10 && c > 0)
            score -= c;
    }
    switch (d) {
    case 1: return score;
    case 2: return -score;
    default: break;
    }
    return score > 5 ? 1 : 0;
}
C
    "$ECG" check --no-db --checks='security-*,complexity-cyclomatic' \
        --config '{"rules":{"complexity-cyclomatic":{"threshold":5}}}' \
        --format sarif -o base.sarif src/app.c -- -std=c11 >/dev/null 2>&1
    "$ECG" metrics --format json src/app.c -- -std=c11 >metrics.json 2>/dev/null
    python3 - <<'PY'
import copy, json
log = json.load(open("base.sarif"))
results = log["runs"][0]["results"]
assert len(results) >= 4, "the fixture needs at least four findings, got %d" % len(results)
results[0]["suppressions"] = [{"kind": "inSource", "justification": "reviewed </script><b>"}]
results[1]["baselineState"] = "unchanged"
gone = copy.deepcopy(results[2])
gone["baselineState"] = "absent"
gone["message"]["text"] = "fixed </script><script>window.pwned=1</script> finding"
results.append(gone)
for r in results[2:-1]:
    r["baselineState"] = "new"
json.dump(log, open("states.sarif", "w"), indent=1)
tabs = {"open": len(results) - 3, "baseline": 1, "suppressed": 1, "absent": 1}
rules = [r["ruleId"] for r in results[2:-1]]
rule = max(sorted(set(rules)), key=rules.count)
json.dump({"tabs": tabs, "rule": rule, "rule_count": rules.count(rule),
           "search": "system", "search_count": sum("'system'" in r["message"]["text"]
                                                  for r in results[2:-1])},
          open("expect.json", "w"))
PY
}
