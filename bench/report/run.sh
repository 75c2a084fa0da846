#!/usr/bin/env bash
# Benchmark: how `ecg report html` copes with a large log. Runs every rule over the rule
# fixtures of this tree (real findings with flows and related locations), replicates the
# results over copies of the files until there are N findings (default 10000), writes the
# page, and measures in headless Chromium the first render, a rule filter, a search and
# "show more" (bench/report/measure.cjs). Prints the page size and the times.
# usage: bench/report/run.sh [ECG_BINARY]   env: N (10000), ROUNDS (3), WORK (keep files)
# Needs /usr/bin/chromium, node and playwright-core (.ci/setup-browser installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
ecg=$(realpath "${1:-$top/build/ecg}")
n=${N:-10000}
rounds=${ROUNDS:-3}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
export ECG_PLAYWRIGHT=${ECG_PLAYWRIGHT:-$HOME/.cache/ecg-node/node_modules/playwright-core}

cd "$top"
"$ecg" check --no-db --quiet --checks='*' --format sarif -o "$work/seed.sarif" \
    tests/rules/*/*/fire_*.c -- -std=c11 >/dev/null 2>&1 || true
python3 - "$work/seed.sarif" "$work/big.sarif" "$n" <<'PY'
import copy, json, sys
seed, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
log = json.load(open(seed))
results = log["runs"][0]["results"]
base = list(results)
if not base:
    sys.exit("bench: the seed run found nothing")
copies = []
i = 0
while len(base) + len(copies) < n:
    r = copy.deepcopy(base[i % len(base)])
    k = i // len(base) + 1
    for loc in r.get("locations", []):
        art = loc["physicalLocation"]["artifactLocation"]
        art["uri"] = art["uri"].replace(".c", "_copy%d.c" % k)
    copies.append(r)
    i += 1
results.extend(copies)
json.dump(log, open(out, "w"))
print("seed findings: %d, total: %d" % (len(base), len(results)))
PY
/usr/bin/time -f 'ecg report html: %e s wall, %M KiB max RSS' \
    "$ecg" report html "$work/big.sarif" -o "$work/big.html"
echo "page: $(du -k "$work/big.html" | cut -f1) KiB"
node "$here/measure.cjs" "$work/big.html" "$rounds"
[ -n "${WORK:-}" ] || rm -rf "$work"
