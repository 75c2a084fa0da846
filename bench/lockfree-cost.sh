#!/usr/bin/env bash
# Benchmark: what the lock-free family costs on ConcurrencyKit against the bare parse (the
# target of docs/lockfree-triage.md, "Cost": at most 1.2x). In one run, interleaved, ROUNDS
# times, the CPU time (user + sys) of
#   bare     ecg check --checks='-*'              (the parse: with no rule there is no walk)
#   family   ecg check --checks='-*,lockfree-*'   (the parse, the walk and the family)
#   baseline the family with another ecg binary, when BASELINE is given
# over every unit of ck's compile database (its library and its regression programs), -j1,
# with ck's headers analysed (--project-root), as the triage runs it. Each ratio is given
# three ways: the mean and the median of the per-round ratios (the two sides of a ratio ran
# seconds apart) and the ratio of the summed times.
#
# usage: bench/lockfree-cost.sh [ECG_BINARY]
#   ECG_BINARY  default: build/ecg
# env: ROUNDS (default 7); BASELINE (another ecg binary); CK_DIR (a ck tree that already
#      holds compile_commands.json; default: fetched with ../shared/corpora/get-sources.sh
#      and built under bear); JOBS (to build ck, default 2); INSTRUCTIONS=1 (also count the
#      instructions of one bare and one family run under callgrind: slow, about 10 minutes
#      each, but the same on a busy machine, where CPU times swell with other processes)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
ecg=$(realpath "${1:-$top/build/ecg}")
rounds=${ROUNDS:-7}
jobs=${JOBS:-2}

source "$here/lib.sh"
bench_require /usr/bin/time python3
[ -x "$ecg" ] || { echo "bench: no ecg binary at $ecg (build first)" >&2; exit 2; }
baseline=""
[ -z "${BASELINE:-}" ] || baseline=$(realpath "$BASELINE")
if [ -n "${CK_DIR:-}" ]; then
    ck=$(realpath "$CK_DIR")
else
    ck=$(bench_project ck "$jobs")
fi
[ -s "$ck/compile_commands.json" ] || { echo "bench: no compile_commands.json in $ck" >&2; exit 2; }
units=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' \
    "$ck/compile_commands.json")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2034 # cmd, out and accept are read by bench_rounds (lib.sh)
set_cmd() { # mode: sets cmd (the measured command), out and accept (see bench_rounds)
    local bin=$ecg checks='-*,lockfree-*'
    [ "$1" != bare ] || checks='-*'
    [ "$1" != baseline ] || bin=$baseline
    cmd=("$bin" check -p "$ck" --project-root "$ck" --checks="$checks" --no-db --quiet -j1)
    out=$work/$1.txt
    accept=1 # findings make ecg check exit 1; a failed run exits 2 or more
}

modes=(bare family)
[ -z "$baseline" ] || modes+=(baseline)
echo "bench: $rounds rounds over $units units" >&2
bench_rounds "$rounds" "$work/times" "${modes[@]}"
if [ -n "$baseline" ]; then
    if cmp -s "$work/family.txt" "$work/baseline.txt"; then
        echo "findings identical to BASELINE's ($(wc -l < "$work/family.txt") lines)"
    else
        echo "findings DIFFER from BASELINE's"
    fi
fi
touch "$work/instructions"
[ "${INSTRUCTIONS:-0}" != 1 ] || bench_instructions "$work/instructions" "${modes[@]}"

python3 - "$work/times" "$units" "$(nproc)" "$work/instructions" <<'PY'
import os, statistics, sys
times = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 6:
        times[(int(parts[0]), parts[1])] = float(parts[2]) + float(parts[3])
rounds = sorted({r for r, _ in times})
modes = [m for m in ("bare", "family", "baseline") if (rounds[0], m) in times]
instr = dict((k, int(v)) for k, v in (line.split() for line in open(sys.argv[4])))
print(f"ck: {sys.argv[2]} units, -j1, {len(rounds)} interleaved rounds, {sys.argv[3]} CPUs, "
      f"load average {os.getloadavg()[0]:.1f} at the end")
print("round  " + "  ".join(f"{m:>8}" for m in modes) + "  " +
      "  ".join(f"{m + ' / bare':>16}" for m in modes[1:]))
for r in rounds:
    cells = "  ".join(f"{times[(r, m)]:7.2f}s" for m in modes)
    ratios = "  ".join(f"{times[(r, m)] / times[(r, 'bare')]:15.3f}x" for m in modes[1:])
    print(f"{r:5}  {cells}  {ratios}")
for m in modes[1:]:
    per_round = [times[(r, m)] / times[(r, "bare")] for r in rounds]
    summed = sum(times[(r, m)] for r in rounds) / sum(times[(r, "bare")] for r in rounds)
    print(f"{m} / bare, CPU time: mean {statistics.mean(per_round):.3f}x, median "
          f"{statistics.median(per_round):.3f}x, summed {summed:.3f}x "
          f"(rounds {min(per_round):.3f}x to {max(per_round):.3f}x)")
for m in modes[1:]:
    if m in instr and "bare" in instr:
        print(f"{m} / bare, instructions: {instr[m] / 1e9:.3f} G / {instr['bare'] / 1e9:.3f} G"
              f" = {instr[m] / instr['bare']:.3f}x")
PY
