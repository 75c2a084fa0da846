#!/usr/bin/env bash
# The Juliet benchmark of ecg's security rules: ecg, flawfinder and cppcheck run over the same
# C test cases of the NIST Juliet suite 1.3, and score.py counts per CWE the flawed test cases
# each flags (recall) and the fixed variants it flags too (false positives). The suite lives in
# a cache outside the repository and is never committed. README.md beside this file says more.
#
# usage: bench/juliet/run.sh [--json FILE] [ECG_BINARY]      (default binary: build/ecg)
# env: FILES_PER_CWE (300), CWES (the 15 below), JOBS (nproc), TOOL_TIMEOUT (seconds per tool
#      and CWE, 1200), WORK (keep every tool's output there; default: a temporary directory),
#      ECG_CORPORA (cache root), JULIET_SRC (a local clone, bare repository, tarball or copy
#      of the suite to use instead of the network), JULIET_GIT (the repository to clone)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
json=
while [ $# -gt 0 ]; do
    case $1 in
        --json) json=$(realpath -m "$2"); shift 2 ;;
        --json=*) json=$(realpath -m "${1#--json=}"); shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) break ;;
    esac
done
ecg=$(realpath "${1:-$top/build/ecg}")
per_cwe=${FILES_PER_CWE:-300}
cwes=${CWES:-78 121 122 134 190 191 242 252 367 377 401 415 416 476 690}
jobs=${JOBS:-$(nproc)}
limit=${TOOL_TIMEOUT:-1200}
suite=${ECG_CORPORA:-$HOME/.cache/ecg-corpora}/juliet-c
url=${JULIET_GIT:-https://github.com/arichardson/juliet-test-suite-c}
flags=(-I testcasesupport -DINCLUDEMAIN)

# shellcheck source=SCRIPTDIR/../lib.sh
source "$top/bench/lib.sh"
bench_require python3 git timeout realpath
for tool in flawfinder cppcheck; do
    command -v "$tool" >/dev/null || {
        echo "bench: '$tool' is missing (apt-get install flawfinder cppcheck)" >&2
        exit 2
    }
done
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }

# clone_suite REPO DIR: checks out only the two folders the benchmark reads (the rest holds
# large documents that a partial mirror may lack); shallow where the source allows it.
clone_suite()
{
    git clone -q --no-checkout --depth 1 "$1" "$2" 2>/dev/null || {
        rm -rf "$2"
        git clone -q --no-checkout "$1" "$2"
    } && git -C "$2" checkout -q HEAD -- testcases testcasesupport
}

# fetch_suite DEST: makes DEST hold testcases/ and testcasesupport/ of the suite.
fetch_suite()
{
    local dest=$1 tmp
    [ -f "$dest/testcasesupport/std_testcase.h" ] && return 0
    mkdir -p "$(dirname "$dest")"
    tmp="$dest.partial.$$"
    rm -rf "$tmp"
    echo "bench: fetching the Juliet suite into $dest" >&2
    if [ -n "${JULIET_SRC:-}" ] && [ -f "$JULIET_SRC" ]; then
        mkdir -p "$tmp" && tar xf "$JULIET_SRC" -C "$tmp" --strip-components=1
    elif [ -n "${JULIET_SRC:-}" ] && [ -d "$JULIET_SRC/testcasesupport" ]; then
        cp -a "$JULIET_SRC" "$tmp"
    else
        clone_suite "${JULIET_SRC:-$url}" "$tmp"
    fi || true
    [ -f "$tmp/testcasesupport/std_testcase.h" ] || {
        rm -rf "$tmp"
        echo "bench: could not get the Juliet suite from ${JULIET_SRC:-$url};" \
            "set JULIET_SRC to a local copy" >&2
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
        ecg:0|ecg:1|metrics:0|flawfinder:0|cppcheck:0) note=ok ;;
        ecg:3|metrics:3) note=partial ;;
        *:124|*:137) note="timeout after ${limit}s" ;;
        *) note="failed (exit $rc, see $name.stderr)" ;;
    esac
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '%s\t%s\t%d.%03d\t%s\n' "$name" "$rc" $((ms / 1000)) $((ms % 1000)) "$note" \
        >>"$dir/status"
    [ "$note" = ok ] || echo "bench: $name on $(basename "$dir"): $note" >&2
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
cd "$suite"
begin=$(date +%s)
for cwe in $cwes; do
    d=$work/$cwe
    rm -rf "$d"
    mkdir -p "$d"
    python3 "$here/score.py" select . "$cwe" "$per_cwe" >"$d/files"
    mapfile -t files <"$d/files"
    [ ${#files[@]} -gt 0 ] || { echo "bench: no files for CWE-$cwe" >&2; continue; }
    echo "bench: CWE-$cwe: ${#files[@]} files" >&2
    common=(--no-db --quiet -j "$jobs" --project-root "$suite")
    run_tool ecg "$d" "$d/ecg.stdout" "$ecg" check --checks='-*,security-*' --format sarif \
        ${ECG_CONFIG:+--config "$ECG_CONFIG"} "${common[@]}" -o "$d/ecg.sarif" "${files[@]}" \
        -- "${flags[@]}"
    run_tool metrics "$d" "$d/metrics.stdout" "$ecg" metrics --format csv "${common[@]}" \
        -o "$d/metrics.csv" "${files[@]}" -- "${flags[@]}"
    run_tool flawfinder "$d" "$d/flawfinder.csv" flawfinder --csv --dataonly --quiet \
        "${files[@]}"
    run_tool cppcheck "$d" "$d/cppcheck.stdout" cppcheck --xml --enable=all --quiet \
        -j "$jobs" --suppress=missingIncludeSystem --output-file="$d/cppcheck.xml" \
        "${flags[@]}" "${files[@]}"
done
echo "bench: tools ran in $(( $(date +%s) - begin )) s (jobs $jobs); scoring" >&2
rc=0
python3 "$here/score.py" score "$work" ${json:+--json "$json"} || rc=$?
echo "bench: ${json:+summary in $json; }total $(( $(date +%s) - begin )) s" >&2
exit "$rc"
