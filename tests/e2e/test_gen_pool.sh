#!/usr/bin/env bash
# End-to-end: `ecg gen` on headers asking for pool(capacity=N, local|shared) and
# instrument(counters, latency) writes a pool that compiles with -Wall -Wextra -Wpadded -Werror
# -std=c11 under gcc and clang (plain, -DNDEBUG, -DECG_NO_INSTRUMENT), is clean under
# `ecg check --checks='*'`, passes tests/gen/pool_driver.c (and stops misuse in debug builds),
# and, shared, pool_cache_driver.c, then pool_stress.c and pool_cache_stress.c under TSan.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

RT_INCLUDE=$ECG_SOURCE_DIR/runtime/include
RT_LIB=${ECG_BINARY_DIR:-}/libecgrt.a
GEN_DRIVERS=$ECG_SOURCE_DIR/tests/gen
CCS=()
for cc in "${CMAKE_C_COMPILER:-cc}" gcc clang; do
    if command -v "$cc" >/dev/null 2>&1 && [[ " ${CCS[*]-} " != *" $cc "* ]]; then
        CCS+=("$cc")
    fi
done

# The drivers use struct order's id and owner; the planner may reorder the members.
order_members='
    ECG_HOT uint64_t id;
    int64_t price;
    uint32_t qty;
    ECG_COLD uint32_t owner;
};'

# local: one thread's pool of line-aligned orders, counted.
write_file local/order.h <<EOF
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(pool(capacity=64, local), layout(cache_aligned), instrument(counters)) order {$order_members
EOF

# shared: a lock-free pool of 8, counted.
write_file shared/order.h <<EOF
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(pool(capacity=8, shared), instrument(counters)) order {$order_members
EOF

# bare: a shared pool of 3 with no instrumentation.
write_file bare/order.h <<EOF
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(pool(capacity=3, shared)) order {$order_members
EOF

# timed: a shared pool that also times how long objects are held (links libecgrt).
write_file timed/order.h <<EOF
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(pool(capacity=16, shared), instrument(counters, latency)) order {$order_members
EOF

# generate DIR: ecg gen DIR/order.h -o DIR/out
generate()
{
    expect_exit 0 -- "$ECG" gen "$1/order.h" -o "$1/out" -- -I"$RT_INCLUDE"
    assert_file_exists "$1/out/order.gen.h" "$1: the header is written"
    assert_file_exists "$1/out/order.gen.c" "$1: the source is written"
}

# A libecgrt built with ECG_SANITIZE (or ECG_SANITIZE_THREAD) needs its sanitizer's runtime,
# which a plain driver build does not link (and gcc's and clang's do not mix): then the timed
# driver gets the runtime's sources instead, compiled by the driver's own compiler.
RT_SANITIZED=0
if nm "$RT_LIB" 2>/dev/null | grep -Eq ' U __(asan|ubsan|tsan)_'; then
    RT_SANITIZED=1
fi

# rt_objects CC: prints the objects of hist.c, clock.c and compat.c built with CC.
rt_objects()
{
    local cc=$1 out=rt-${1##*/} src
    mkdir -p "$out"
    for src in hist clock compat; do
        "$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -I"$RT_INCLUDE" -c \
            "$ECG_SOURCE_DIR/runtime/src/$src.c" -o "$out/$src.o" >&2 || return 1
        printf '%s\n' "$out/$src.o"
    done
}

# build DIR CC DRIVER EXE [FLAG...]: the generated source and a driver, warnings as errors.
build()
{
    local dir=$1 cc=$2 driver=$3 exe=$4 counters=0 latency=0 lib=()
    shift 4
    case $dir in
    local | shared) counters=1 ;;
    timed) counters=1 latency=1 lib=("$RT_LIB") ;;
    esac
    if [ "$dir" = timed ] && [ "$RT_SANITIZED" = 1 ]; then
        mapfile -t lib < <(rt_objects "$cc")
    fi
    expect_exit 0 -- "$cc" -std=c11 -Wall -Wextra -Wpadded -Werror -O1 -g -pthread \
        -I"$dir/out" -I"$RT_INCLUDE" -DWANT_COUNTERS=$counters -DWANT_LATENCY=$latency "$@" \
        "$GEN_DRIVERS/$driver" "$dir/out/order.gen.c" "${lib[@]}" -o "$exe"
}

# A debug build must die on the misuse named by $2 (SIGABRT from assert: 134).
expect_abort()
{
    run "$1" "$2"
    check_exit 134 "$1 $2: a debug build stops the misuse"
}

for dir in local shared bare timed; do
    if [ "$dir" = timed ] && [ ! -f "$RT_LIB" ]; then
        e2e_fail "timed: $RT_LIB is missing (ECG_BINARY_DIR=${ECG_BINARY_DIR:-unset})"
        continue
    fi
    generate "$dir"
    for cc in "${CCS[@]}"; do
        exe=$dir/driver-${cc##*/}
        build "$dir" "$cc" pool_driver.c "$exe"
        expect_exit 0 -- "$exe"
        expect_abort "$exe" double-release
        expect_abort "$exe" foreign
        build "$dir" "$cc" pool_driver.c "$exe-ndebug" -DNDEBUG
        expect_exit 0 -- "$exe-ndebug"
        build "$dir" "$cc" pool_driver.c "$exe-off" -DECG_NO_INSTRUMENT
        expect_exit 0 -- "$exe-off"
        [ "$dir" = local ] && continue
        # a shared pool's thread cache
        build "$dir" "$cc" pool_cache_driver.c "$exe-cache"
        expect_exit 0 -- "$exe-cache"
        expect_abort "$exe-cache" double-release
        expect_abort "$exe-cache" cached-then-direct
        build "$dir" "$cc" pool_cache_driver.c "$exe-cache-ndebug" -DNDEBUG
        expect_exit 0 -- "$exe-cache-ndebug"
    done
    run "$ECG" check --checks='*' --no-db --quiet --header-filter='.*' "$dir/out/order.gen.c" \
        -- -std=c11 -I"$dir/out" -I"$RT_INCLUDE"
    check_exit 0 "$dir: ecg check --checks='*' on the generated code"
    assert_eq "$OUT" "" "$dir: ecg check --checks='*' finds nothing in the generated code"
done

h=$(cat local/out/order.gen.h)
assert_contains "$h" "#define ORDER_POOL_CAPACITY 64u" "the capacity is exported"
assert_contains "$h" "struct order objects[64];" "the local pool holds its 64 objects inline"
assert_not_contains "$h" "_Atomic" "a local pool uses no atomics"
h=$(cat shared/out/order.gen.h)
assert_contains "$h" "_Alignas(64) _Atomic uint64_t head;" "the shared head has its own line"
assert_contains "$(cat timed/out/order.gen.c)" "int order_pool_latency(" "latency can be read"

# The same input gives the same bytes.
cp -r shared/out shared/first
generate shared
assert_same_file shared/out/order.gen.h shared/first/order.gen.h "the pool's header is stable"
assert_same_file shared/out/order.gen.c shared/first/order.gen.c "the pool's source is stable"

# Four threads under ThreadSanitizer: each object held by one thread at a time, counts exact.
build shared "${CCS[0]}" pool_stress.c shared/stress -fsanitize=thread
expect_exit 0 -- shared/stress 200000
# The same with a thread cache each, objects handed from one thread to the next.
build shared "${CCS[0]}" pool_cache_stress.c shared/cache-stress -fsanitize=thread
expect_exit 0 -- shared/cache-stress 200000
if [ -f "$RT_LIB" ]; then
    # libecgrt.a is not built with TSan; only the hold timing calls into it.
    build timed "${CCS[0]}" pool_stress.c timed/stress -fsanitize=thread
    expect_exit 0 -- timed/stress 50000
fi

e2e_finish
