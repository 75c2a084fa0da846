/* Tests of gen_annot_parse: the ECG_GENERATE option language, every accepted spelling and
 * every refusal (unknown piece or option, repeats, capacities that are missing, zero, not a
 * number, too large or not a power of two for the ring, conflicts) with its message and
 * offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "analyzer/error.h"
#include "codegen/annot.h"

static struct gen_options parse_ok(const char *text)
{
    struct gen_options o;
    struct gen_annot_error err;

    memset(&o, 0xa5, sizeof(o));
    memset(&err, 0, sizeof(err));
    if (gen_annot_parse(&o, text, &err) != 0)
        fail_msg("'%s' refused: %s", text, err.message);
    return o;
}

/* The text is refused with a message containing want, at offset at. */
static void assert_refused(const char *text, const char *want, size_t at)
{
    struct gen_options o;
    struct gen_annot_error err;

    memset(&o, 0x5a, sizeof(o));
    memset(&err, 0, sizeof(err));
    assert_int_equal(gen_annot_parse(&o, text, &err), ECG_EPARSE);
    if (strstr(err.message, want) == NULL)
        fail_msg("'%s': message '%s' lacks '%s'", text, err.message, want);
    if (err.offset != at)
        fail_msg("'%s': offset %zu, expected %zu", text, err.offset, at);
    assert_int_equal(o.pool_capacity, 0x5a5a5a5a); /* untouched on failure */
}

static void test_gen_annot_issue_example(void **state)
{
    struct gen_options o =
        parse_ok("pool(capacity=4096, local), layout(cache_aligned), instrument(counters)");

    (void)state;
    assert_int_equal(o.pool_capacity, 4096);
    assert_int_equal(o.pool_sharing, GEN_POOL_LOCAL);
    assert_int_equal(o.ring_capacity, 0);
    assert_true(o.cache_aligned);
    assert_true(o.counters);
    assert_false(o.latency);
}

static void test_gen_annot_spacing_and_order(void **state)
{
    struct gen_options o =
        parse_ok("  instrument ( latency , counters ) ,ring( capacity = 64 ),pool(shared,"
                 "capacity=1)  ");

    (void)state;
    assert_int_equal(o.ring_capacity, 64);
    assert_int_equal(o.pool_capacity, 1);
    assert_int_equal(o.pool_sharing, GEN_POOL_SHARED);
    assert_true(o.counters);
    assert_true(o.latency);
    assert_false(o.cache_aligned);
}

static void test_gen_annot_empty_means_layout_only(void **state)
{
    struct gen_options o = parse_ok("");

    (void)state;
    assert_int_equal(o.pool_capacity, 0);
    assert_int_equal(o.ring_capacity, 0);
    assert_false(o.cache_aligned);
    assert_false(o.counters);
    o = parse_ok("layout(cache_aligned)");
    assert_true(o.cache_aligned);
}

static void test_gen_annot_capacity_limits(void **state)
{
    struct gen_options o = parse_ok("pool(capacity=16777216)");

    (void)state;
    assert_int_equal(o.pool_capacity, GEN_CAPACITY_MAX);
    assert_int_equal(o.pool_sharing, GEN_POOL_LOCAL);
    o = parse_ok("pool(capacity=3)");
    assert_int_equal(o.pool_capacity, 3); /* a pool needs no power of two */
    o = parse_ok("ring(capacity=1)");
    assert_int_equal(o.ring_capacity, 1);
    assert_refused("pool(capacity=16777217)", "too large (at most 16777216)", 14);
    assert_refused("pool(capacity=99999999999999999999999)", "too large", 14);
}

static void test_gen_annot_bad_capacity(void **state)
{
    (void)state;
    assert_refused("pool(capacity=0)", "pool capacity must be at least 1", 14);
    assert_refused("pool(capacity=abc)", "pool capacity 'abc' is not a number", 14);
    assert_refused("pool(capacity=-4)", "pool capacity '-4' is not a number", 14);
    assert_refused("pool(capacity=4k)", "pool capacity '4k' is not a number", 14);
    assert_refused("pool(capacity=)", "pool capacity '' is not a number", 14);
    assert_refused("pool(capacity)", "pool capacity needs a value: capacity=N", 5);
    assert_refused("pool(local)", "pool needs a capacity: pool(capacity=N)", 0);
    assert_refused("ring(capacity=1000)", "ring capacity 1000 is not a power of two", 14);
    assert_refused("ring(capacity=0)", "ring capacity must be at least 1", 14);
    assert_refused("ring(capacity=x1)", "ring capacity 'x1' is not a number", 14);
    assert_refused("ring(capacity=8, capacity=16)", "ring capacity given twice", 17);
}

static void test_gen_annot_unknown(void **state)
{
    (void)state;
    assert_refused("arena(capacity=8)", "unknown piece 'arena' (known: pool, ring, layout", 0);
    assert_refused("pool(capacity=8, lcoal)", "unknown option 'lcoal' of pool (known:", 17);
    assert_refused("layout(packed)", "unknown option 'packed' of layout", 7);
    assert_refused("ring(capacity=8, shared)", "unknown option 'shared' of ring", 17);
    assert_refused("pool(capacity=8), instrument(histogram)",
                   "unknown option 'histogram' of instrument (known: counters, latency)", 29);
}

static void test_gen_annot_conflicts_and_repeats(void **state)
{
    (void)state;
    assert_refused("pool(capacity=8, local, shared)", "pool cannot be both local and shared", 24);
    assert_refused("pool(capacity=8), pool(capacity=16)", "pool given twice", 18);
    assert_refused("layout(cache_aligned, cache_aligned)", "given twice", 22);
    assert_refused("instrument(counters)", "needs a pool or a ring to instrument", 0);
    assert_refused("pool(capacity=8, local=1)", "option 'local' of pool takes no value", 17);
}

static void test_gen_annot_syntax(void **state)
{
    (void)state;
    assert_refused("pool", "expected '(' after pool", 4);
    assert_refused("pool(capacity=8", "expected ',' or ')' in pool(...)", 15);
    assert_refused("pool()", "expected an option of pool(...)", 5);
    assert_refused("instrument()", "expected an option of instrument(...)", 11);
    assert_refused("pool(capacity=8),", "expected a piece after ','", 17);
    assert_refused("pool(capacity=8) ring(capacity=8)", "expected ',' between pieces", 17);
    assert_refused(",", "expected a piece", 0);
    assert_refused("layout()x", "expected an option of layout(...)", 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_annot_issue_example),
        cmocka_unit_test(test_gen_annot_spacing_and_order),
        cmocka_unit_test(test_gen_annot_empty_means_layout_only),
        cmocka_unit_test(test_gen_annot_capacity_limits),
        cmocka_unit_test(test_gen_annot_bad_capacity),
        cmocka_unit_test(test_gen_annot_unknown),
        cmocka_unit_test(test_gen_annot_conflicts_and_repeats),
        cmocka_unit_test(test_gen_annot_syntax),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
