#!/usr/bin/env bash
# The ITC benchmark of ecg's lock-free rules: `ecg check --checks='-*,lockfree-*'` and cppcheck
# over the concurrency cases of the Toyota ITC static-analysis benchmarks (with-defects and
# correct versions), and score.py counts per ITC sub-type the cases each tool finds and the
# correct cases it flags. The suite lives in a cache outside the repository and is never
# committed. Two rewrites of the same files, every plain file-scope number made `volatile`
# or `_Atomic`, put ITC's shapes into the family's domain. README.md beside this file says more.
#
# usage: bench/itc/run.sh [--json FILE] [ECG_BINARY]      (default binary: build/ecg)
# env: JOBS (nproc), TOOL_TIMEOUT (seconds per tool and set, 600), WORK (keep every tool's
#      output there; default: a temporary directory), ECG_CORPORA (cache root), ITC_SRC (a
#      local clone, bare repository, tarball or copy of the suite), ITC_GIT (the repository)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
json=
while [ $# -gt 0 ]; do
    case $1 in
        --json) json=$(realpath -m "$2"); shift 2 ;;
        --json=*) json=$(realpath -m "${1#--json=}"); shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) break ;;
    esac
done
ecg=$(realpath "${1:-$top/build/ecg}")
jobs=${JOBS:-$(nproc)}
limit=${TOOL_TIMEOUT:-600}
suite=${ECG_CORPORA:-$HOME/.cache/ecg-corpora}/itc-benchmarks
url=${ITC_GIT:-https://github.com/regehr/itc-benchmarks}

# shellcheck source=SCRIPTDIR/../lib.sh
source "$top/bench/lib.sh"
bench_require python3 git timeout realpath
command -v cppcheck >/dev/null || {
    echo "bench: 'cppcheck' is missing (apt-get install cppcheck)" >&2
    exit 2
}
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }

# fetch_suite DEST: makes DEST hold the suite (01.w_Defects, 02.wo_Defects, include).
fetch_suite()
{
    local dest=$1 tmp
    [ -f "$dest/include/HeaderFile.h" ] && return 0
    mkdir -p "$(dirname "$dest")"
    tmp="$dest.partial.$$"
    rm -rf "$tmp"
    echo "bench: fetching the ITC benchmarks into $dest" >&2
    if [ -n "${ITC_SRC:-}" ] && [ -f "$ITC_SRC" ]; then
        mkdir -p "$tmp" && tar xf "$ITC_SRC" -C "$tmp" --strip-components=1
    elif [ -n "${ITC_SRC:-}" ] && [ -d "$ITC_SRC/01.w_Defects" ]; then
        cp -a "$ITC_SRC" "$tmp"
    else
        git clone -q --depth 1 "${ITC_SRC:-$url}" "$tmp" 2>/dev/null || {
            rm -rf "$tmp"
            git clone -q "${ITC_SRC:-$url}" "$tmp"
        }
    fi || true
    [ -f "$tmp/include/HeaderFile.h" ] || {
        rm -rf "$tmp"
        echo "bench: could not get the ITC benchmarks from ${ITC_SRC:-$url};" \
            "set ITC_SRC to a local copy" >&2
        exit 2
    }
    mv "$tmp" "$dest"
}

# run_tool NAME DIR STDOUT COMMAND...: runs COMMAND under the time limit and appends
# "NAME rc seconds note" to DIR/status; note is ok, partial (some unit not analyzed),
# timeout or failed. The tool's stderr goes to DIR/NAME.stderr.
run_tool()
{
    local name=$1 dir=$2 stdout=$3 start rc note ms
    shift 3
    start=$(date +%s%N)
    rc=0
    timeout --kill-after=30 "$limit" "$@" >"$stdout" 2>"$dir/$name.stderr" || rc=$?
    case $name:$rc in
        ecg:0|ecg:1|metrics:0|cppcheck:0) note=ok ;;
        ecg:3|metrics:3) note=partial ;;
        *:124|*:137) note="timeout after ${limit}s" ;;
        *) note="failed (exit $rc, see $name.stderr)" ;;
    esac
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '%s\t%s\t%d.%03d\t%s\n' "$name" "$rc" $((ms / 1000)) $((ms % 1000)) "$note" \
        >>"$dir/status"
    [ "$note" = ok ] || echo "bench: $name on $(basename "$dir"): $note" >&2
}

# run_set NAME ROOT: runs the tools over the pairs listed in $work/itc/files, read from ROOT
# (the suite, or a rewritten copy of the listed files); cppcheck only on the suite itself.
run_set()
{
    local name=$1 root=$2 d=$work/$1 common
    mkdir -p "$d"
    [ "$name" = itc ] || cp "$work/itc/files" "$d/files"
    printf '%s\n' "$root" >"$d/root"
    : >"$d/status"
    mapfile -t files < <(cut -f1,2 "$d/files" | tr '\t' '\n')
    common=(--no-db --quiet -j "$jobs" --project-root "$root")
    (
        cd "$root"
        run_tool ecg "$d" "$d/ecg.stdout" "$ecg" check --checks='-*,lockfree-*' \
            --format sarif ${ECG_CONFIG:+--config "$ECG_CONFIG"} "${common[@]}" \
            -o "$d/ecg.sarif" "${files[@]}" -- "${flags[@]}"
        run_tool metrics "$d" "$d/metrics.stdout" "$ecg" metrics --format csv \
            "${common[@]}" -o "$d/metrics.csv" "${files[@]}" -- "${flags[@]}"
        [ "$name" != itc ] || run_tool cppcheck "$d" "$d/cppcheck.stdout" cppcheck --xml \
            --enable=all --inconclusive --library=posix --quiet -j "$jobs" \
            --suppress=missingIncludeSystem --output-file="$d/cppcheck.xml" \
            -I "$suite/include" "${files[@]}"
    )
    echo "bench: $name: ${#files[@]} files" >&2
}

fetch_suite "$suite"
if [ -n "${WORK:-}" ]; then
    work=$(realpath -m "$WORK")
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
[ -n "$json" ] || [ -z "${WORK:-}" ] || json=$work/summary.json
flags=(-I "$suite/include" -pthread)
rm -rf "$work/itc" "$work/volatile" "$work/atomic"
mkdir -p "$work/itc"
python3 "$here/score.py" select "$suite" >"$work/itc/files"
[ -s "$work/itc/files" ] || { echo "bench: no concurrency files in $suite" >&2; exit 2; }
begin=$(date +%s)
run_set itc "$suite"
for qual in volatile _Atomic; do
    set_name=${qual#_}
    set_name=${set_name,,}
    while IFS=$'\t' read -r bad good _; do
        for f in "$bad" "$good"; do
            python3 "$here/score.py" variant "$suite/$f" "$work/$set_name/src/$f" "$qual"
        done
    done <"$work/itc/files"
    run_set "$set_name" "$work/$set_name/src"
done
echo "bench: tools ran in $(( $(date +%s) - begin )) s (jobs $jobs); scoring" >&2
rc=0
python3 "$here/score.py" score "$work" ${json:+--json "$json"} || rc=$?
exit "$rc"
