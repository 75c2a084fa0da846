#!/usr/bin/env bash
# Benchmark of the incremental cache: a cold run (empty results database), a warm re-run on
# the unchanged tree, a re-run after editing one .c file, and a re-run after only touching
# one file's modification time (its contents unchanged, so still a hit). Measured in one
# go, ROUNDS times; medians reported, as a share of the cold run. Each re-run's SARIF must
# be byte-identical to the cold run's (the edited-file run aside): the cache must not
# change what is reported.
#
# usage: bench/cache-rerun.sh [PROJECT] [ECG_BINARY] [FILE]
#   PROJECT  redis (default), lua5.4, sqlite3;  FILE  the .c file to edit (default: one of
#            the project's mid-sized units)
# env: ROUNDS (default 3), JOBS (default 2), FORMAT (sarif, the default, or text)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
project=${1:-redis}
ecg=$(realpath "${2:-$top/build/ecg}")
rounds=${ROUNDS:-3}
jobs=${JOBS:-2}
format=${FORMAT:-sarif}

source "$here/lib.sh"
bench_require bear python3
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }
src=$(bench_project "$project" "$jobs")
cd "$src"

case ${3:-$project} in
    redis) victim=src/t_string.c ;;
    lua5.4) victim=src/lstring.c ;;
    sqlite3) victim=$(python3 -c 'import json;print(json.load(open("compile_commands.json"))[0]["file"])') ;;
    *) victim=$3 ;;
esac
[ -f "$victim" ] || { echo "bench: no file $victim" >&2; exit 2; }

work=$(mktemp -d)
cp "$victim" "$work/victim.orig"
trap 'cp "$work/victim.orig" "$victim"; rm -rf "$work"' EXIT

run() { # name: one timed ecg run against the bench database, SARIF to $work/<name>.sarif
    local name=$1 start end
    start=$(date +%s%N)
    # One output path for every run, so the recorded command lines are equal too.
    "$ecg" check -p . -j "$jobs" --quiet --db "$work/ecg.db" --no-timestamps \
        --format "$format" -o "$work/out.sarif" || [ $? -eq 1 ]
    end=$(date +%s%N)
    cp "$work/out.sarif" "$work/$name.sarif"
    echo "$name $(( (end - start) / 1000 ))" >> "$work/times" # microseconds
}

for round in $(seq "$rounds"); do
    echo "bench: round $round/$rounds" >&2
    rm -f "$work/ecg.db" "$work/ecg.db-wal" "$work/ecg.db-shm"
    cp "$work/victim.orig" "$victim"
    run cold
    run warm
    cmp -s "$work/cold.sarif" "$work/warm.sarif" || { echo "bench: warm output differs" >&2; exit 1; }
    touch "$victim"
    run touched
    cmp -s "$work/cold.sarif" "$work/touched.sarif" || { echo "bench: touched output differs" >&2; exit 1; }
    printf '\n/* edited by bench/cache-rerun.sh */\n' >> "$victim"
    run edited
    cp "$work/victim.orig" "$victim"
done

units=$(python3 -c 'import json;print(len(json.load(open("compile_commands.json"))))')
python3 - "$work/times" "$project" "$units" "$victim" "$format" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, t = line.split()
    rows.setdefault(name, []).append(int(t) / 1e6)
med = {k: statistics.median(v) for k, v in rows.items()}
cold = med["cold"]
print(f"{sys.argv[2]}: {sys.argv[3]} translation units, median of {len(rows['cold'])} rounds, "
      f"{sys.argv[5]} output")
print(f"{'run':<34} {'wall s':>8} {'% of cold':>10}")
labels = [("cold", "cold (empty database)"), ("warm", "warm (unchanged tree)"),
          ("touched", "mtime of one file touched"), ("edited", f"one file edited ({sys.argv[4]})")]
for key, label in labels:
    print(f"{label:<34} {med[key]:8.3f} {100 * med[key] / cold:9.1f}%")
PY
