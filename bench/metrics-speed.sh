#!/usr/bin/env bash
# Benchmark: what `ecg metrics` costs on one large unit (SQLite's amalgamation by default)
# against its bare parse. In one run, interleaved, ROUNDS times, medians of CPU time
# (user + sys) and wall time of:
#   clang       clang -fsyntax-only with the unit's flags (what a user compares with)
#   clang-w     the same with -w (ecg parses with -w: it reads only errors)
#   bare        one clang_parseTranslationUnit2 with libclang's default options
#               (bench/bare_parse.c, built here against the libclang ecg links)
#   bare-ecg    the same with ecg's options (detailed preprocessing record, keep going,
#               -ferror-limit=0 -w)
#   ecg-parse   ecg check with every rule off: ecg's own parse, no walk
#   metrics     ecg metrics, text to /dev/null
#   complexity  ecg check with only the complexity-* rules
#   baseline    BASELINE's metrics, when given (an older build: before/after in one run)
# The ratios that matter are metrics/clang (the strict reading of "its bare parse") and
# metrics/bare; see docs/metrics.md, "Cost".
#
# usage: bench/metrics-speed.sh [ECG_BINARY] [FILE -- FLAGS...]
#   ECG_BINARY  default: build/ecg; its CMakeCache.txt names the libclang to build against
#   FILE FLAGS  default: sqlite3.c of the sqlite3 corpus with -DSQLITE_THREADSAFE=1
#               -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE (the flags metrics-compare.sh
#               uses)
# env: ROUNDS (default 7), BASELINE (another ecg binary), JOBS (to build the corpus, 2),
#      INSTRUCTIONS=1 (also count each mode's instructions once under callgrind: slow, but
#      the same on a busy machine, where CPU times swell with the other processes)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ecg=$(realpath "${1:-$top/build/ecg}")
shift || true
rounds=${ROUNDS:-7}
jobs=${JOBS:-2}

source "$here/lib.sh"
bench_require clang /usr/bin/time python3 cc
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }
if [ $# -gt 0 ]; then
    file=$(realpath "$1")
    shift
    [ "${1:-}" != -- ] || shift
    flags=("$@")
else
    file="$(bench_project sqlite3 "$jobs")/sqlite3.c"
    flags=(-DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE)
fi
[ -r "$file" ] || { echo "bench: cannot read $file" >&2; exit 2; }
baseline=""
[ -z "${BASELINE:-}" ] || baseline=$(realpath "$BASELINE")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The helper links the libclang ecg was built with (ecg's CMake cache), else llvm-config's.
cache="$(dirname "$ecg")/CMakeCache.txt"
inc=$(sed -n 's/^ECG_LIBCLANG_INCLUDE_DIR:PATH=//p' "$cache" 2>/dev/null || true)
lib=$(sed -n 's/^ECG_LIBCLANG_LIBRARY:FILEPATH=//p' "$cache" 2>/dev/null || true)
if [ -z "$inc" ] || [ -z "$lib" ]; then
    inc=$(llvm-config --includedir)
    lib="$(llvm-config --libdir)/libclang.so"
fi
cc -O2 -I"$inc" "$here/bare_parse.c" -o "$work/bare_parse" "$lib" \
    -Wl,-rpath,"$(dirname "$lib")" || { echo "bench: cannot build bare_parse" >&2; exit 2; }

# shellcheck disable=SC2034 # cmd, out and accept are read by bench_rounds (lib.sh)
set_cmd() { # mode: sets cmd (the measured command), out and accept (see bench_rounds)
    out=/dev/null
    accept=0
    [ "$1" != complexity ] || accept=255 # ecg check exits 1 when the rules report findings
    case $1 in
        clang) cmd=(clang -fsyntax-only "${flags[@]}" "$file") ;;
        clang-w) cmd=(clang -fsyntax-only -w "${flags[@]}" "$file") ;;
        bare) cmd=("$work/bare_parse" "$file" "${flags[@]}") ;;
        bare-ecg) cmd=("$work/bare_parse" --ecg "$file" "${flags[@]}") ;;
        ecg-parse) cmd=("$ecg" check --no-db --quiet --checks='-*' "$file" -- "${flags[@]}") ;;
        metrics) cmd=("$ecg" metrics --no-db --quiet "$file" -- "${flags[@]}")
                 out=$work/metrics.txt ;;
        complexity) cmd=("$ecg" check --no-db --quiet --checks='-*,complexity-*' "$file" --
                         "${flags[@]}") ;;
        baseline) cmd=("$baseline" metrics --no-db --quiet "$file" -- "${flags[@]}")
                  out=$work/baseline.txt ;;
    esac
}

modes=(clang clang-w bare bare-ecg ecg-parse metrics complexity)
[ -z "$baseline" ] || modes+=(baseline)
bench_rounds "$rounds" "$work/times" "${modes[@]}"
[ "${INSTRUCTIONS:-0}" != 1 ] || bench_instructions "$work/instructions" "${modes[@]}"
if [ -n "$baseline" ]; then
    if cmp -s "$work/metrics.txt" "$work/baseline.txt"; then
        echo "metrics identical to BASELINE's"
    else
        echo "metrics DIFFER from BASELINE's"
    fi
fi

touch "$work/instructions"
python3 - "$work/times" "$file" "$(wc -l < "$file")" "$(nproc)" "$work/instructions" <<'PY'
import os, statistics, sys
instr = dict((k, int(v)) for k, v in (line.split() for line in open(sys.argv[5])))
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 6:
        rows.setdefault(parts[1], []).append((float(parts[2]) + float(parts[3]), float(parts[4])))
cpu = {k: statistics.median(c for c, _ in v) for k, v in rows.items()}
wall = {k: statistics.median(w for _, w in v) for k, v in rows.items()}
labels = {
    "clang": "clang -fsyntax-only", "clang-w": "clang -fsyntax-only -w",
    "bare": "libclang parse, default options", "bare-ecg": "libclang parse, ecg's options",
    "ecg-parse": "ecg check, every rule off", "metrics": "ecg metrics",
    "complexity": "ecg check, complexity-* only", "baseline": "ecg metrics, BASELINE",
}
print(f"{os.path.basename(sys.argv[2])} ({sys.argv[3]} lines), median of "
      f"{len(rows['clang'])} interleaved rounds, {sys.argv[4]} CPUs, "
      f"load average {os.getloadavg()[0]:.1f}")
head = f"  {'':<32} {'CPU s':>6} {'wall s':>7} {'CPU / clang':>12} {'CPU / bare':>11}"
if instr:
    head += f" {'instructions':>14} {'/ clang':>8} {'/ bare':>7}"
print(head)
for k, label in labels.items():
    if k not in cpu:
        continue
    line = (f"  {label:<32} {cpu[k]:6.3f} {wall[k]:7.3f} {cpu[k] / cpu['clang']:11.2f}x"
            f" {cpu[k] / cpu['bare']:10.2f}x")
    if k in instr:
        line += (f" {instr[k] / 1e9:12.3f} G {instr[k] / instr['clang']:7.2f}x"
                 f" {instr[k] / instr['bare']:6.2f}x")
    print(line)
print(f"ecg metrics: {cpu['metrics'] / cpu['clang']:.2f}x clang -fsyntax-only (c/a), "
      f"{cpu['metrics'] / cpu['bare']:.2f}x the bare libclang parse (c/b), CPU time")
if "baseline" in cpu:
    print(f"BASELINE metrics: {cpu['baseline'] / cpu['clang']:.2f}x clang, "
          f"{cpu['baseline'] / cpu['bare']:.2f}x the bare parse")
PY
