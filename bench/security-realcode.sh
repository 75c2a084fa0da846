#!/usr/bin/env bash
# Benchmark: the security family on real code. Per project, the findings of every
# security-* rule per 1,000 lines, and the wall time of the family against the floor
# (`clang -fsyntax-only` over the same units, JOBS at a time) and against ecg with every
# rule off, measured interleaved in the same run, ROUNDS times (medians).
# With SAMPLE=N it also writes N findings, spread evenly over the projects and rules, with
# their source lines, for triage by hand (docs/security-triage.md).
#
# usage: bench/security-realcode.sh [ECG_BINARY] [PROJECT...]
#   ECG_BINARY  default: build/ecg
#   PROJECT     packages of ../shared/corpora/get-sources.sh with a build recipe in
#               bench/lib.sh; default: redis curl sqlite3
# env: ROUNDS (default 3), JOBS (default 2), SAMPLE (default 0), WORK (keep outputs there)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ecg=$(realpath "${1:-$top/build/ecg}")
shift || true
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(redis curl sqlite3)
rounds=${ROUNDS:-3}
jobs=${JOBS:-2}
sample=${SAMPLE:-0}

source "$here/lib.sh"
bench_require bear clang /usr/bin/time python3
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }

if [ -n "${WORK:-}" ]; then
    work=$WORK
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

measure() { # results file, name, command...: appends "name wall_s peak_kib"
    local results=$1 name=$2
    shift 2
    /usr/bin/time -f "$name %e %M" -a -o "$results" "$@" >/dev/null 2>&1 || true
}

for project in "${projects[@]}"; do
    src=$(bench_project "$project" "$jobs")
    out="$work/$project"
    mkdir -p "$out"
    rm -f "$out/results"
    (
        cd "$src"
        bench_floor_cmds "$out/floor.cmds"
        # ecg exits 1 when it reports findings: that is the point here.
        "$ecg" check -p . -j "$jobs" --quiet --no-db --checks='-*,security-*' \
            --format sarif -o "$out/security.sarif" || [ $? -eq 1 ]
        for round in $(seq "$rounds"); do
            echo "bench: $project round $round/$rounds" >&2
            measure "$out/results" floor xargs -d '\n' -P "$jobs" -I{} sh -c '{}' \
                < "$out/floor.cmds"
            measure "$out/results" ecg-security "$ecg" check -p . -j "$jobs" --quiet --no-db \
                --checks='-*,security-*' -o "$out/security.txt"
            measure "$out/results" ecg-no-rules "$ecg" check -p . -j "$jobs" --quiet --no-db \
                --checks='-*' -o "$out/none.txt"
        done
    )
    printf '%s\t%s\n' "$project" "$src" >> "$work/projects.tsv.tmp"
done
mv "$work/projects.tsv.tmp" "$work/projects.tsv"

python3 "$here/security_realcode.py" "$work" "$sample"
