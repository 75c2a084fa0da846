#!/usr/bin/env bash
# The generator benchmarks of issue 7, in one run: `ecg gen` on bench/gen/bench_types.h, then
# ROUNDS interleaved rounds of the pool benchmark (instrumented and -DECG_NO_INSTRUMENT builds,
# alternating which goes first) and the two-thread ring benchmark; prints the median ns/op of
# every figure with its spread, and the ratios against the targets (median of per-round ratios).
# Usage: bench/gen/run.sh [BUILD_DIR]  (the directory holding the built ecg; default: build)
# Environment: ECG (the ecg binary), CC (default cc), ROUNDS (11), POOL_OPS (4194304),
# RING_OPS (2000000), KEEP=1 keeps the raw figures in bench-gen-raw.txt, RT=1 runs the ring
# benchmark under `chrt -f 1` (SCHED_FIFO: its two threads then own both cores while it runs,
# which keeps a loaded machine's scheduler out of the figures but stalls everything else),
# CALLGRIND=1 also counts the pool cases' instructions per operation under valgrind's callgrind
# (POOL_OPS / 4 operations, both builds): a figure the machine's load cannot move.
set -euo pipefail

here=$(cd "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
ECG=${ECG:-${1:-$top/build}/ecg}
CC=${CC:-cc}
ROUNDS=${ROUNDS:-11}
POOL_OPS=${POOL_OPS:-4194304}
RING_OPS=${RING_OPS:-2000000}

[ -x "$ECG" ] || { echo "run.sh: no ecg at '$ECG' (pass the build directory or set ECG)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "run.sh: python3 is needed for the summary" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ecg-bench-gen.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$ECG" gen "$here/bench_types.h" -o "$work/gen" -- -I"$top/runtime/include"
cflags=(-std=c11 -O2 -DNDEBUG -Wall -Wextra -Werror -pthread -I"$work/gen" -I"$top/runtime/include" -I"$here")
"$CC" "${cflags[@]}" "$here/bench_pool.c" "$work/gen/fill.gen.c" "$work/gen/quote.gen.c" \
    -o "$work/pool_instr"
"$CC" "${cflags[@]}" -DECG_NO_INSTRUMENT "$here/bench_pool.c" "$work/gen/fill.gen.c" \
    "$work/gen/quote.gen.c" -o "$work/pool_noinstr"
"$CC" "${cflags[@]}" "$here/bench_ring.c" "$work/gen/fill.gen.c" -o "$work/ring"
ring_cmd=("$work/ring")
if [ "${RT:-0}" = 1 ]; then
    ring_cmd=(chrt -f 1 "$work/ring")
fi

echo "ecg gen bench: $ROUNDS rounds, $POOL_OPS pool ops, $RING_OPS ring values; $("$CC" --version | head -n 1)" >&2
echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg); ring: ${ring_cmd[*]##*/}" >&2
raw=$work/raw.txt
: >"$raw"
for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2)); then order="instr noinstr"; else order="noinstr instr"; fi
    for variant in $order; do
        "$work/pool_$variant" "$round" "$POOL_OPS" | sed "s/^/$round $variant /" >>"$raw"
    done
    "${ring_cmd[@]}" "$round" "$RING_OPS" | sed "s/^/$round ring /" >>"$raw"
    printf '.' >&2
done
echo >&2
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ "${KEEP:-0}" = 1 ]; then
    cp "$raw" bench-gen-raw.txt
fi

python3 - "$raw" <<'EOF'
import statistics
import sys
from collections import defaultdict

vals = defaultdict(dict)  # (variant, name) -> {round: ns}
for line in open(sys.argv[1]):
    rnd, variant, name, ns = line.split()
    vals[(variant, name)][int(rnd)] = float(ns)

def med(key):
    return statistics.median(vals[key].values())

def spread(key):
    v = vals[key].values()
    return min(v), max(v)

print(f"{'figure':44} {'median':>9} {'min':>9} {'max':>9}  ns/op")
for key in sorted(vals):
    lo, hi = spread(key)
    print(f"{key[0] + ' ' + key[1]:44} {med(key):9.2f} {lo:9.2f} {hi:9.2f}")

def ratio(label, num, den, target, higher_is_better=True):
    per_round = [vals[num][r] / vals[den][r] for r in vals[num] if r in vals[den]]
    m = statistics.median(per_round)
    ok = m >= target if higher_is_better else m <= target
    print(f"{label:52} {m:7.3f}  (rounds {min(per_round):.3f}..{max(per_round):.3f}; "
          f"target {'>=' if higher_is_better else '<='} {target}) {'met' if ok else 'MISSED'}")

print()
print("ratios (median of per-round ratios)")
ratio("malloc+free / pool, local pool, pairs", ("instr", "malloc_local_pair"),
      ("instr", "pool_local_pair"), 5)
ratio("malloc+free / pool, local pool, bursts of 64", ("instr", "malloc_local_burst"),
      ("instr", "pool_local_burst"), 5)
ratio("malloc+free / pool, shared pool, pairs", ("instr", "malloc_shared_pair"),
      ("instr", "pool_shared_pair"), 5)
ratio("malloc+free / pool, shared pool cached, pairs", ("instr", "malloc_shared_pair"),
      ("instr", "pool_cached_pair"), 5)
ratio("malloc+free / pool, shared pool cached, bursts of 64", ("instr", "malloc_shared_burst"),
      ("instr", "pool_cached_burst"), 5)
ratio("mutex ring / SPSC ring, in place, wall per value", ("ring", "ring_mutex_inplace"),
      ("ring", "ring_spsc_inplace"), 5)
ratio("mutex ring / SPSC ring, in place, CPU per value", ("ring", "ring_mutex_inplace_cpu"),
      ("ring", "ring_spsc_inplace_cpu"), 5)
ratio("mutex ring / SPSC ring, by copy, wall per value", ("ring", "ring_mutex"),
      ("ring", "ring_spsc"), 5)
ratio("mutex ring / SPSC ring, by copy, CPU per value", ("ring", "ring_mutex_cpu"),
      ("ring", "ring_spsc_cpu"), 5)
ratio("mutex ring / SPSC ring batched by 32, wall", ("ring", "ring_mutex"),
      ("ring", "ring_spsc_batch"), 5)
ratio("mutex ring / SPSC ring, one thread (no hand-over)", ("ring", "ring_mutex_local"),
      ("ring", "ring_spsc_local"), 5)
print()
print("in cache-line round trips between the two cores (line_round_trip, same round)")
for name in ("ring_spsc_inplace", "ring_spsc", "ring_spsc_batch", "ring_mutex_inplace",
             "ring_mutex"):
    per_round = [vals[("ring", name)][r] / vals[("ring", "line_round_trip")][r]
                 for r in vals[("ring", name)]]
    print(f"{name + ' per value':52} {statistics.median(per_round):7.3f}  "
          f"(rounds {min(per_round):.3f}..{max(per_round):.3f})")
print()
for name, label in (("pool_local_pair", "local pairs"), ("pool_local_burst", "local bursts"),
                    ("pool_shared_pair", "shared pairs"), ("pool_cached_pair", "cached pairs"),
                    ("pool_cached_burst", "cached bursts")):
    ratio(f"instrumented / -DECG_NO_INSTRUMENT, {label}", ("instr", name), ("noinstr", name),
          1.05, higher_is_better=False)
EOF

# Instructions per operation of each pool case (inclusive, as callgrind_annotate attributes them
# to the case's function; the warm-up's 1024 operations per case are counted too).
if [ "${CALLGRIND:-0}" = 1 ]; then
    command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null ||
        { echo "run.sh: CALLGRIND=1 needs valgrind and callgrind_annotate" >&2; exit 2; }
    cg_ops=$((POOL_OPS / 4 / 64 * 64))
    for variant in instr noinstr; do
        valgrind --tool=callgrind --callgrind-out-file="$work/cg.$variant" \
            "$work/pool_$variant" 0 "$cg_ops" >/dev/null 2>"$work/cg.$variant.log"
        callgrind_annotate --inclusive=yes "$work/cg.$variant" >"$work/cg.$variant.txt"
    done
    python3 - "$work" "$cg_ops" <<'EOF'
import re
import sys

cases = {"fill_pool_pairs": "pool_local_pair", "fill_pool_bursts": "pool_local_burst",
         "quote_pool_pairs": "pool_shared_pair", "quote_cached_pairs": "pool_cached_pair",
         "quote_cached_bursts": "pool_cached_burst"}
ops = int(sys.argv[2]) + 1024
ir = {}
for variant in ("instr", "noinstr"):
    for line in open(f"{sys.argv[1]}/cg.{variant}.txt"):
        m = re.match(r"\s*([\d,]+) .*[:\s](\w+) \[", line)
        if m and m.group(2) in cases:
            ir[(variant, cases[m.group(2)])] = int(m.group(1).replace(",", "")) / ops
print()
print(f"callgrind: instructions per operation ({ops} per case)  instr  noinstr  ratio")
for name in cases.values():
    a, b = ir.get(("instr", name)), ir.get(("noinstr", name))
    if a is None or b is None:
        print(f"{name:52} (not found)")
        continue
    print(f"{name:52} {a:6.2f} {b:7.2f}  {a / b:.3f}")
EOF
fi
