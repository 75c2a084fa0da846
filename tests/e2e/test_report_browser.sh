#!/usr/bin/env bash
# End-to-end in a real browser: the page `ecg report html` writes is loaded in headless
# Chromium (Debian's chromium, driven by playwright-core): no console or page error and no
# network request, the tab counts are those of the log, and the rule filter, the search box
# and the tabs change what is listed. Needs /usr/bin/chromium and playwright-core (installed
# by .ci/setup-browser); without them the test is skipped (exit 77), unless
# ECG_REQUIRE_BROWSER=1 makes that a failure (CI sets it).
# ECG_REPORT_SCREENSHOT=FILE keeps a screenshot of the page.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=report_fixture.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/report_fixture.sh"
e2e_setup

playwright=${ECG_PLAYWRIGHT:-$HOME/.cache/ecg-node/node_modules/playwright-core}
chromium=${ECG_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || [ ! -d "$playwright" ] || ! command -v node >/dev/null; then
    if [ "${ECG_REQUIRE_BROWSER:-0}" = 1 ]; then
        e2e_fail "no browser: need $chromium, node and $playwright (run .ci/setup-browser)"
        e2e_finish
    fi
    echo "SKIP: no $chromium, node or $playwright (run .ci/setup-browser)"
    exit 77
fi
cd "$E2E_TMP" || exit 1
report_fixture
expect_exit 0 -- "$ECG" report html states.sarif --metrics metrics.json -o report.html

run env ECG_PLAYWRIGHT="$playwright" ECG_CHROMIUM="$chromium" \
    node "$ECG_SOURCE_DIR/tests/e2e/report_browser.cjs" report.html expect.json \
    "${ECG_REPORT_SCREENSHOT:-}"
check_exit 0 "the page behaves in Chromium"
assert_contains "$OUT" "render_ms=" "the page reports its render time"
e2e_finish
