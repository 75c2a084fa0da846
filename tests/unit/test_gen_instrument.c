/* Tests of gen_emit_instrument and gen_emit_includes on hand-built models: what each option
 * adds to the emitted text (plain counters for local pools, relaxed atomics on their own cache
 * lines for shared ones, the hold-time histogram and its padding, the hooks compiled out by
 * ECG_NO_INSTRUMENT) and what is left out. The emitted code is compiled and run by
 * test_gen_pool.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analyzer/error.h"
#include "codegen/emit.h"
#include "codegen/model.h"
#include "codegen/text.h"
#include "tests/support/gen_build.h"

#include <string.h>

/* A model of struct order with a pool: borrowed strings, never released. */
static void model_of(struct gen_struct *s, struct gen_layout *layout, uint32_t capacity,
                     enum gen_pool_sharing sharing, size_t align)
{
    static char name[] = "order";
    static char input[] = "order.h";

    memset(s, 0, sizeof *s);
    memset(layout, 0, sizeof *layout);
    s->name = name;
    s->input = input;
    s->line = 1;
    s->options.pool_capacity = capacity;
    s->options.pool_sharing = sharing;
    s->size = align > 24 ? align : 24;
    s->align = align;
    layout->size = s->size;
    layout->align = align;
}

/* The text between the first occurrence of from and the next occurrence of to after it. */
static void section(char *out, size_t size, const char *text, const char *from, const char *to)
{
    const char *start = strstr(text, from);
    const char *end;

    assert_non_null(start);
    end = strstr(start + strlen(from), to);
    assert_non_null(end);
    assert_true((size_t)(end - start) < size);
    memcpy(out, start, (size_t)(end - start));
    out[end - start] = '\0';
}

static void test_gen_instrument_nothing_without_pool(void **state)
{
    struct gen_text h = { 0 }, c = { 0 };
    struct gen_struct s;
    struct gen_layout layout;

    (void)state;
    model_of(&s, &layout, 0, GEN_POOL_LOCAL, 8);
    s.options.counters = 1;
    s.options.latency = 1;
    s.options.ring_capacity = 64;
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), 0);
    assert_int_equal(h.len, 0);
    assert_int_equal(c.len, 0);
    model_of(&s, &layout, 64, GEN_POOL_SHARED, 8);
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), 0);
    assert_int_equal(h.len, 0);
    assert_int_equal(c.len, 0);
}

static void test_gen_instrument_local_counters_are_plain(void **state)
{
    struct gen_text h = { 0 }, c = { 0 };
    struct gen_struct s;
    struct gen_layout layout;
    char hook[2048];

    (void)state;
    model_of(&s, &layout, 64, GEN_POOL_LOCAL, 8);
    s.options.counters = 1;
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), 0);
    assert_non_null(strstr(h.data, "struct order_pool_counters {\n    uint64_t failures;"));
    assert_non_null(strstr(h.data, "    uint64_t pops_wrapped; /* times that count of acquires "));
    assert_null(strstr(h.data, "_Atomic"));
    assert_null(strstr(h.data, "memory_order"));
    /* the count rides on the pool's own state word: the hook returns it, one add either way */
    section(hook, sizeof hook, h.data, "order_pool_count_pop(", "\n}\n");
    assert_non_null(
        strstr(hook, "#ifdef ECG_NO_INSTRUMENT\n    (void)k;\n    return state - 1;\n#else\n"));
    assert_non_null(strstr(hook, "uint64_t next = state + UINT32_MAX;"));
    assert_int_equal(testkit_count(h.data, "#ifdef ECG_NO_INSTRUMENT"), 2);
    assert_int_equal(c.len, 0);
    gen_text_fini(&h);
}

static void test_gen_instrument_shared_counters_own_lines(void **state)
{
    struct gen_text h = { 0 }, c = { 0 };
    struct gen_struct s;
    struct gen_layout layout;

    (void)state;
    model_of(&s, &layout, 64, GEN_POOL_SHARED, 8);
    s.options.counters = 1;
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), 0);
    /* failures, high_water and the thread caches' reports, each on its own line; acquires,
     * releases and in_use come from the pool's head and free stack, so no operation pays for
     * them, and a cache reports only when it refills, spills or flushes */
    assert_non_null(strstr(
        h.data, "    _Alignas(64) _Atomic uint64_t failures; /* acquires that found every object"));
    assert_non_null(
        strstr(h.data, "    _Atomic uint64_t cache_flow;\n    char pad_cache_flow[56];"));
    assert_non_null(strstr(h.data, "uint64_t add = (flow << 7) + moved_in;"));
    assert_int_equal(testkit_count(h.data, "_Atomic uint64_t"), 3);
    assert_int_equal(testkit_count(h.data, "[56];"), 3);
    /* Statistics order nothing: every explicit order is relaxed and says it has no pair. */
    assert_int_equal(testkit_count(h.data, "memory_order_acquire"), 0);
    assert_int_equal(testkit_count(h.data, "memory_order_release"), 0);
    assert_int_equal(testkit_count(h.data, "memory_order_seq_cst"), 0);
    assert_int_equal(testkit_count(h.data, "memory_order_relaxed"), 5); /* the CAS has two */
    assert_int_equal(testkit_count(h.data, "no pair"), 4);
    /* A new high-water mark is the highest index acquired yet, plus one. */
    assert_non_null(strstr(h.data, "atomic_compare_exchange_weak_explicit(&k->high_water, &seen, "
                                   "(uint64_t)index + 1,"));
    assert_null(strstr(h.data, "count_release"));
    gen_text_fini(&h);
}

static void test_gen_instrument_local_latency(void **state)
{
    struct gen_text h = { 0 }, c = { 0 };
    struct gen_struct s;
    struct gen_layout layout;

    (void)state;
    model_of(&s, &layout, 10, GEN_POOL_LOCAL, 8);
    s.options.latency = 1;
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), 0);
    /* The round and 10 stamps are 88 bytes: 40 more reach the histogram's line. */
    assert_non_null(strstr(h.data, "    _Alignas(64) uint64_t round; /* acquires seen */\n"
                                   "    uint64_t since[10];"));
    assert_non_null(strstr(h.data, "    char pad_since[40];\n    union {\n"));
    assert_non_null(
        strstr(h.data, "#ifndef ORDER_POOL_HOLD_EVERY\n#define ORDER_POOL_HOLD_EVERY 64u\n"));
    assert_non_null(strstr(h.data, "char lines[(sizeof(struct ecgrt_hist) + 63) / 64 * 64];"));
    assert_non_null(strstr(h.data, "ecgrt_hist_record(&l->hold.hist, "));
    assert_non_null(strstr(h.data, "int order_pool_latency(struct ecgrt_hist *out, "
                                   "struct order_pool *p);"));
    assert_non_null(strstr(c.data, "int order_pool_latency(struct ecgrt_hist *out, "
                                   "struct order_pool *p)\n{\n    *out = p->latency.hold.hist;"));
    assert_null(strstr(h.data, "busy"));
    assert_null(strstr(h.data, "struct order_pool_counters"));
    gen_text_fini(&h);
    gen_text_fini(&c);
}

static void test_gen_instrument_shared_latency_never_waits(void **state)
{
    struct gen_text h = { 0 }, c = { 0 };
    struct gen_struct s;
    struct gen_layout layout;
    char hook[2048];

    (void)state;
    model_of(&s, &layout, 8, GEN_POOL_SHARED, 128);
    s.options.latency = 1;
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), 0);
    /* Every region is a multiple of the pool's 128-byte alignment. */
    assert_non_null(strstr(h.data, "    _Alignas(128) uint64_t since[8];"));
    assert_non_null(strstr(h.data, "*/\n    char pad_since[64];\n    _Atomic uint32_t busy;"));
    assert_non_null(strstr(h.data, "    char pad_busy[60];"));
    assert_non_null(strstr(h.data, "    char pad_dropped[56];"));
    assert_non_null(strstr(h.data, "char lines[(sizeof(struct ecgrt_hist) + 127) / 128 * 128];"));
    section(hook, sizeof hook, h.data, "order_pool_hold_end(", "\n}\n");
    /* A busy histogram costs a sample, never a wait: no loop around the exchange. */
    assert_null(strstr(hook, "while"));
    assert_non_null(strstr(hook, "atomic_exchange_explicit(&l->busy, 1, memory_order_acquire)"));
    assert_non_null(strstr(hook, "atomic_store_explicit(&l->busy, 0, memory_order_release)"));
    assert_int_equal(testkit_count(hook, "memory_order_"), testkit_count(hook, "pair"));
    assert_non_null(strstr(c.data, "return -1;"));
    gen_text_fini(&h);
    gen_text_fini(&c);
}

static void test_gen_instrument_reports_out_of_memory(void **state)
{
    struct gen_text h = { 0 }, c = { 0 };
    struct gen_struct s;
    struct gen_layout layout;

    (void)state;
    model_of(&s, &layout, 8, GEN_POOL_SHARED, 8);
    s.options.counters = 1;
    s.options.latency = 1;
    h.failed = 1;
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), ECG_ENOMEM);
    gen_text_fini(&h);
    gen_text_fini(&c);
    c.failed = 1;
    assert_int_equal(gen_emit_instrument(&h, &c, &s, &layout), ECG_ENOMEM);
    gen_text_fini(&h);
    gen_text_fini(&c);
}

static void test_gen_includes_per_piece(void **state)
{
    struct gen_text h = { 0 };
    struct gen_struct s;
    struct gen_layout layout;

    (void)state;
    model_of(&s, &layout, 0, GEN_POOL_LOCAL, 8);
    s.options.counters = 1;
    assert_int_equal(gen_emit_includes(&h, &s), 0);
    assert_int_equal(h.len, 0);
    s.options.ring_capacity = 16;
    assert_int_equal(gen_emit_includes(&h, &s), 0);
    assert_string_equal(h.data, "#include <ecg/annotate.h>\n#include <stddef.h>\n"
                                "#include <stdint.h>\n#include <string.h>\n"
                                "#include <stdatomic.h>\n");
    gen_text_fini(&h);
    model_of(&s, &layout, 16, GEN_POOL_LOCAL, 8);
    assert_int_equal(gen_emit_includes(&h, &s), 0);
    assert_string_equal(h.data, "#include <assert.h>\n#include <ecg/annotate.h>\n"
                                "#include <stddef.h>\n#include <stdint.h>\n");
    gen_text_fini(&h);
    s.options.pool_sharing = GEN_POOL_SHARED;
    s.options.latency = 1;
    assert_int_equal(gen_emit_includes(&h, &s), 0);
    assert_string_equal(
        h.data,
        "#include <assert.h>\n#include <ecg/annotate.h>\n"
        "#include <stddef.h>\n#include <stdint.h>\n#include <stdatomic.h>\n#include <ecg/clock.h>\n"
        "#include <ecg/hist.h>\n");
    gen_text_fini(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_instrument_nothing_without_pool),
        cmocka_unit_test(test_gen_instrument_local_counters_are_plain),
        cmocka_unit_test(test_gen_instrument_shared_counters_own_lines),
        cmocka_unit_test(test_gen_instrument_local_latency),
        cmocka_unit_test(test_gen_instrument_shared_latency_never_waits),
        cmocka_unit_test(test_gen_instrument_reports_out_of_memory),
        cmocka_unit_test(test_gen_includes_per_piece),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
