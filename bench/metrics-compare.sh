#!/usr/bin/env bash
# Cross-checks ecg's cyclomatic complexity against pmccabe (Debian package), an independent
# text-based tool, on real projects; and times `ecg metrics` on sqlite3's amalgamation (one
# ~244k-line unit) against its bare parse. Functions are matched by file, name and the line
# of the name; agreement is ecg's cyclomatic (counted as written, the default) equal to
# pmccabe's "traditional" McCabe. pmccabe runs twice: on the files as written, where it
# reads every #if branch, and on copies whose branches the build compiles out are blanked
# (bench/active_copy.py), so the two tools read the same code. Each disagreement is
# classified by what the function's text holds that the two tools read differently.
#
# usage: bench/metrics-compare.sh [ECG_BINARY] [PROJECT...]   (default: sqlite3 redis lua5.4)
# env: JOBS (default 2), ROUNDS (speed rounds, default 3), SHOW (disagreements listed, 10),
#      BASELINE (another ecg binary, e.g. an older build: its metrics are timed in the same
#      interleaved rounds, for a before/after figure), SPEED_ONLY=1 (skip the pmccabe part)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ecg=$(realpath "${1:-$top/build/ecg}")
shift || true
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(sqlite3 redis lua5.4)
jobs=${JOBS:-2}
rounds=${ROUNDS:-3}

source "$here/lib.sh"
bench_require bear pmccabe python3 clang
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }
libclang=$(ldd "$ecg" | awk '/libclang/ {print $3; exit}')
[ -n "$libclang" ] || { echo "bench: cannot find the libclang ecg links" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compare() { # project source-dir
    local name=$1 src=$2
    local cdb="$work/$name.cdb"
    # One unit per file (the first in the database), so ecg's rows and the branches blanked
    # for pmccabe come from the same preprocessor configuration.
    mkdir -p "$cdb"
    python3 - "$src/compile_commands.json" "$cdb/compile_commands.json" <<'PY'
import json, sys
seen, out = set(), []
for e in json.load(open(sys.argv[1])):
    if e["file"] not in seen:
        seen.add(e["file"])
        out.append(e)
json.dump(out, open(sys.argv[2], "w"), indent=1)
PY
    (cd "$src" && "$ecg" metrics -p "$cdb" --project-root . -j "$jobs" --no-db --format csv \
        -o "$work/$name.csv") || [ $? -eq 3 ] || { echo "bench: ecg metrics failed on $name" >&2; exit 1; }
    python3 - "$work/$name.csv" "$work/$name.files" <<'PY'
import csv, sys
files = sorted({r["path"] for r in csv.DictReader(open(sys.argv[1])) if r["kind"] == "function"})
open(sys.argv[2], "w").write("\n".join(files) + "\n")
PY
    # pmccabe on the text as it is (every #if branch), then on the branches the build reads.
    (cd "$src" && xargs -a "$work/$name.files" -d '\n' pmccabe 2>/dev/null) > "$work/$name.pmccabe" || true
    (cd "$src" && python3 "$here/active_copy.py" "$libclang" "$cdb/compile_commands.json" . \
        "$work/$name.active" $(cat "$work/$name.files"))
    (cd "$work/$name.active" && xargs -a "$work/$name.files" -d '\n' pmccabe 2>/dev/null) \
        > "$work/$name.pmccabe-active" || true
    echo "== $name: pmccabe on the files as written (all #if branches)"
    python3 "$here/metrics_compare.py" "$name" "$src" "$work/$name.csv" "$work/$name.pmccabe" "${SHOW:-10}"
    echo "== $name: pmccabe on the branches the build compiles (skipped #if branches blanked)"
    python3 "$here/metrics_compare.py" "$name" "$src" "$work/$name.csv" "$work/$name.pmccabe-active" "${SHOW:-10}"
}

if [ "${SPEED_ONLY:-0}" != 1 ]; then
    for p in "${projects[@]}"; do
        compare "$p" "$(bench_project "$p" "$jobs")"
    done
fi

# Speed: metrics on the amalgamation against its bare parse, interleaved.
src=$(bench_project sqlite3 "$jobs")
cd "$src"
flags=(-DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE)
modes=(parse check metrics)
baseline=""
if [ -n "${BASELINE:-}" ]; then
    baseline=$(realpath "$BASELINE")
    modes+=(baseline)
fi
for round in $(seq "$rounds"); do
    for mode in "${modes[@]}"; do
        start=$(date +%s%N)
        case $mode in
            parse) clang -fsyntax-only -w "${flags[@]}" sqlite3.c ;;
            check) "$ecg" check --no-db --checks='-*' --quiet sqlite3.c -- "${flags[@]}" >/dev/null ;;
            metrics) "$ecg" metrics --no-db --format csv -o "$work/amalgamation.csv" sqlite3.c -- "${flags[@]}" ;;
            baseline) "$baseline" metrics --no-db --format csv -o "$work/baseline.csv" sqlite3.c -- "${flags[@]}" ;;
        esac
        echo "$mode $(( ($(date +%s%N) - start) / 1000 ))" >> "$work/speed"
    done
done
if [ -n "$baseline" ]; then
    if cmp -s "$work/amalgamation.csv" "$work/baseline.csv"; then
        echo "sqlite3.c: metrics identical to BASELINE's"
    else
        echo "sqlite3.c: metrics DIFFER from BASELINE's"
    fi
fi
python3 - "$work/speed" "$(wc -l < sqlite3.c)" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    rows.setdefault(k, []).append(int(v) / 1e6)
med = {k: statistics.median(v) for k, v in rows.items()}
print(f"sqlite3.c ({sys.argv[2]} lines), median of {len(rows['parse'])} rounds:")
for k, label in (("parse", "clang -fsyntax-only"), ("check", "ecg check, every rule off"),
                 ("metrics", "ecg metrics"), ("baseline", "ecg metrics, BASELINE")):
    if k not in med:
        continue
    print(f"  {label:<28} {med[k]:7.2f} s  {med[k] / med['parse']:5.2f}x clang -fsyntax-only"
          f"  {med[k] / med['check']:5.2f}x ecg's own parse")
PY
