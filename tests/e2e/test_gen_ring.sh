#!/usr/bin/env bash
# End-to-end: `ecg gen` on headers asking for ring(capacity=N) (with and without
# instrument(counters)) writes a ring that compiles with -Wall -Wextra -Wpadded -Werror
# -std=c11 under gcc and clang, is clean under `ecg check --checks='*'`, passes
# tests/gen/ring_driver.c, and passes tests/gen/ring_stress.c (two threads) under ThreadSanitizer.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

RT_INCLUDE=$ECG_SOURCE_DIR/runtime/include
GEN_DRIVERS=$ECG_SOURCE_DIR/tests/gen
CCS=()
for cc in "${CMAKE_C_COMPILER:-cc}" gcc clang; do
    if command -v "$cc" >/dev/null 2>&1 && [[ " ${CCS[*]-} " != *" $cc "* ]]; then
        CCS+=("$cc")
    fi
done

# A tick from a feed thread to a strategy thread: hot members, a cold note, a pool beside
# the ring so that the pieces are generated together.
write_file plain/tick.h <<'EOF'
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(ring(capacity=1024), pool(capacity=256, local), instrument(counters)) tick {
    char venue[4];
    ECG_HOT uint64_t seq;
    ECG_HOT int64_t price;
    ECG_HOT uint32_t qty;
    ECG_COLD char note[20];
};
EOF

# Line-aligned values in a two-slot ring.
write_file lines/tick.h <<'EOF'
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(ring(capacity=2), layout(cache_aligned)) tick {
    ECG_HOT uint64_t seq;
    ECG_HOT int64_t price;
    uint32_t qty;
};
EOF

# A one-slot ring of 24-byte values (32-byte slots with the sequence word): the slots end
# mid-line, so the ring pads its end.
write_file one/tick.h <<'EOF'
#include <stdint.h>
#include <ecg/annotate.h>

struct ECG_GENERATE(ring(capacity=1)) tick {
    uint32_t qty;
    uint64_t seq;
    int64_t price;
};
EOF

# generate DIR: ecg gen DIR/tick.h -o DIR/out
generate()
{
    expect_exit 0 -- "$ECG" gen "$1/tick.h" -o "$1/out" -- -I"$RT_INCLUDE"
    assert_file_exists "$1/out/tick.gen.h" "$1: the header is written"
    assert_file_exists "$1/out/tick.gen.c" "$1: the source is written"
}

# build DIR CC DRIVER EXE [FLAG...]: the generated source and a driver, warnings as errors.
build()
{
    local dir=$1 cc=$2 driver=$3 exe=$4
    shift 4
    expect_exit 0 -- "$cc" -std=c11 -Wall -Wextra -Wpadded -Werror -O1 -g -pthread \
        -I"$dir/out" -I"$RT_INCLUDE" "$GEN_DRIVERS/$driver" "$dir/out/tick.gen.c" -o "$exe" "$@"
}

for dir in plain lines one; do
    generate "$dir"
    flags=()
    if [ "$dir" = plain ]; then
        flags=(-DRING_DRIVER_COUNTERS)  # plain asks for instrument(counters)
    fi
    for cc in "${CCS[@]}"; do
        build "$dir" "$cc" ring_driver.c "$dir/driver-${cc##*/}" ${flags[@]+"${flags[@]}"}
        expect_exit 0 -- "$dir/driver-${cc##*/}"
    done
    run "$ECG" check --checks='*' --no-db --quiet --header-filter='.*' "$dir/out/tick.gen.c" \
        -- -std=c11 -I"$dir/out" -I"$RT_INCLUDE"
    check_exit 0 "$dir: ecg check --checks='*' on the generated code"
    assert_eq "$OUT" "" "$dir: ecg check --checks='*' finds nothing in the generated code"
done

assert_contains "$(cat plain/out/tick.gen.h)" "struct tick_ring_slot slots[1024u];" "the ring holds 1024 ticks"
assert_contains "$(cat one/out/tick.gen.h)" "unsigned char end_pad[32];" "a ring ending mid-line pads"
assert_not_contains "$(cat lines/out/tick.gen.h)" "end_pad" "a ring of whole lines needs no end padding"

# The same input gives the same bytes.
cp -r plain/out plain/first
generate plain
assert_same_file plain/out/tick.gen.h plain/first/tick.gen.h "the ring's header is stable"
assert_same_file plain/out/tick.gen.c plain/first/tick.gen.c "the ring's source is stable"

# The counters compile out: the driver's expectations follow -DECG_NO_INSTRUMENT.
build plain "${CCS[0]}" ring_driver.c plain/driver-uncounted -DRING_DRIVER_COUNTERS \
    -DECG_NO_INSTRUMENT
expect_exit 0 -- plain/driver-uncounted

# Two threads under ThreadSanitizer while a third reads the statistics: every value arrives
# once, in order, intact.
build plain "${CCS[0]}" ring_stress.c plain/stress -fsanitize=thread -DRING_DRIVER_COUNTERS
expect_exit 0 -- plain/stress 200000

e2e_finish
