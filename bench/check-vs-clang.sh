#!/usr/bin/env bash
# Benchmark: wall time and peak memory of `ecg check -j 2` against the floor any libclang
# tool pays (`clang -fsyntax-only` over the same translation units, 2 at a time), against
# ecg with every rule off (parse and walk only), and against clang-tidy with bugprone-*,
# cert-* and the cognitive-complexity check.
# Everything is measured in the same run, interleaved, ROUNDS times; medians are reported.
#
# usage: bench/check-vs-clang.sh [PROJECT] [ECG_BINARY]
#   PROJECT     a package of ../shared/corpora/get-sources.sh with a build recipe below:
#               redis (default), lua5.4, sqlite3
#   ECG_BINARY  default: build/ecg
# env: ROUNDS (default 3), JOBS (default 2), ECG_CORPORA (where sources are unpacked)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
project=${1:-redis}
ecg=$(realpath "${2:-$top/build/ecg}")
rounds=${ROUNDS:-3}
jobs=${JOBS:-2}
tidy_checks='-*,bugprone-*,cert-*,readability-function-cognitive-complexity'

source "$here/lib.sh"
bench_require bear clang clang-tidy run-clang-tidy /usr/bin/time python3
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }
src=$(bench_project "$project" "$jobs")
cd "$src"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench_floor_cmds "$work/floor.cmds"
units=$(wc -l < "$work/floor.cmds")

measure() { # name, command...: appends "name wall_s peak_kib" to results
  local name=$1; shift
  /usr/bin/time -f "$name %e %M" -a -o "$work/results" "$@" >/dev/null 2>&1 || true
}

for round in $(seq "$rounds"); do
  echo "bench: round $round/$rounds over $units units" >&2
  measure floor xargs -d '\n' -P "$jobs" -I{} sh -c '{}' < "$work/floor.cmds"
  measure ecg "$ecg" check -p . -j "$jobs" --quiet --no-db --format sarif -o "$work/ecg.sarif"
  measure ecg-no-rules "$ecg" check -p . -j "$jobs" --quiet --no-db --checks='-*' -o "$work/none.txt"
  measure clang-tidy run-clang-tidy -j "$jobs" -p . -quiet -checks="$tidy_checks"
done

python3 - "$work/results" "$project" "$units" "$jobs" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 3:
        rows.setdefault(parts[0], []).append((float(parts[1]), int(parts[2])))
project, units, jobs = sys.argv[2], sys.argv[3], sys.argv[4]
med = {k: (statistics.median(w for w, _ in v), max(m for _, m in v)) for k, v in rows.items()}
floor = med["floor"][0]
print(f"{project}: {units} translation units, {jobs} jobs, median of {len(rows['floor'])} rounds")
print(f"{'tool':<12} {'wall s':>8} {'x floor':>8} {'peak RSS MiB':>13}")
for k in ("floor", "ecg", "ecg-no-rules", "clang-tidy"):
    w, m = med[k]
    print(f"{k:<12} {w:8.2f} {w / floor:8.2f} {m / 1024:13.1f}")
print("peak RSS: floor and clang-tidy = largest single process; ecg = the one process "
      f"holding {jobs} units at once. ecg-no-rules parses and walks with every rule off: "
      "ecg minus it is what the rules cost. The floor pays a clang process start per unit.")
PY
