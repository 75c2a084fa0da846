/* Unit tests for fingerprints: stable when lines are inserted above a finding, when the
 * checkout moves or the line is re-indented; distinct for repeated lines and other rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/fingerprint.h"
#include "analyzer/result.h"
#include "tests/support/testkit.h"

/* Scratch checkouts <base>/c<i>, each holding one source file src/a.c. */
struct fixture {
    char base[4096];
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (fx == NULL)
        return -1;
    if (testkit_tmpdir(fx->base, sizeof(fx->base), "fingerprint") != 0) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    testkit_remove_tree(fx->base);
    free(fx);
    return 0;
}

/* Writes text to checkout i's src/a.c; its root goes to root, the file's path to path. */
static void write_checkout(struct fixture *fx, int i, const char *text, char *root, char *path,
                           size_t size)
{
    testkit_path(root, size, "%s/c%d", fx->base, i);
    testkit_make_dirs(testkit_path(path, size, "%s/src", root));
    testkit_write_file(testkit_path(path, size, "%s/src/a.c", root), text);
}

static void result_open(struct ecg_result *r, const char *root, int with_sources)
{
    assert_int_equal(testkit_result_init(r, root, with_sources), 0);
}

static void add_finding(struct ecg_result *r, const char *rule, const char *path, unsigned line)
{
    struct ecg_range range = testkit_range(path, line, 1, line, 2);

    testkit_add_finding(r, rule, ECG_LEVEL_WARNING, &range, "message");
}

/* Fingerprint of a lone finding of rule on line of text, in checkout i. */
static void fingerprint_of(char out[17], struct fixture *fx, int i, const char *text,
                           const char *rule, unsigned line)
{
    char root[4200];
    char path[4200];
    struct ecg_result r;

    write_checkout(fx, i, text, root, path, sizeof(root));
    result_open(&r, root, 1);
    add_finding(&r, rule, path, line);
    assert_int_equal(ecg_fingerprint_assign(&r), 0);
    memcpy(out, r.findings.items[0].fingerprint, 17);
    ecg_result_fini(&r);
}

static void assert_hex16(const char *fp)
{
    assert_int_equal(strlen(fp), 16);
    for (size_t i = 0; i < 16; i++)
        assert_non_null(strchr("0123456789abcdef", fp[i]));
}

static void test_fingerprint_hash_is_fnv1a(void **state)
{
    (void)state;
    assert_true(ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, "", 0) == ECG_FINGERPRINT_SEED);
    assert_true(ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
    assert_true(ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, "foobar", 6) ==
                UINT64_C(0x85944171f73967e8));
    /* Hashing in pieces continues from the seed. */
    assert_true(ecg_fingerprint_hash(ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, "foo", 3), "bar",
                                     3) == UINT64_C(0x85944171f73967e8));
}

static void test_fingerprint_stable_when_lines_inserted_above(void **state)
{
    char before[17];
    char after[17];

    fingerprint_of(before, *state, 0, "int a;\nstrcpy(d, s);\n", "security-a", 2);
    fingerprint_of(after, *state, 0, "/* new */\n\n#include <x.h>\nint a;\nstrcpy(d, s);\n",
                   "security-a", 5);
    assert_hex16(before);
    assert_string_equal(before, after);
}

static void test_fingerprint_stable_across_checkouts(void **state)
{
    char first[17];
    char second[17];

    fingerprint_of(first, *state, 0, "strcpy(d, s);\n", "security-a", 1);
    fingerprint_of(second, *state, 1, "strcpy(d, s);\n", "security-a", 1);
    assert_string_equal(first, second);
}

static void test_fingerprint_ignores_blanks(void **state)
{
    char plain[17];
    char indented[17];

    fingerprint_of(plain, *state, 0, "strcpy(d, s);\n", "security-a", 1);
    fingerprint_of(indented, *state, 1, "\t  strcpy( d,s ) ;  \r\n", "security-a", 1);
    assert_string_equal(plain, indented);
}

static void test_fingerprint_depends_on_rule_and_text(void **state)
{
    char base[17];
    char other_rule[17];
    char other_text[17];

    fingerprint_of(base, *state, 0, "strcpy(d, s);\n", "security-a", 1);
    fingerprint_of(other_rule, *state, 0, "strcpy(d, s);\n", "security-b", 1);
    fingerprint_of(other_text, *state, 0, "strcpy(d, t);\n", "security-a", 1);
    assert_string_not_equal(base, other_rule);
    assert_string_not_equal(base, other_text);
}

static void test_fingerprint_identical_lines_differ_by_occurrence(void **state)
{
    struct fixture *fx = *state;
    char root[4200];
    char path[4200];
    char lone[17];
    struct ecg_result r;

    write_checkout(fx, 0, "strcpy(d, s);\nint x;\n  strcpy(d, s);\n", root, path, sizeof(root));
    result_open(&r, root, 1);
    add_finding(&r, "security-a", path, 1);
    add_finding(&r, "security-b", path, 2);
    add_finding(&r, "security-a", path, 3);
    assert_int_equal(ecg_fingerprint_assign(&r), 0);
    assert_string_not_equal(r.findings.items[0].fingerprint, r.findings.items[2].fingerprint);
    assert_string_not_equal(r.findings.items[0].fingerprint, r.findings.items[1].fingerprint);
    /* The first occurrence keeps the fingerprint it has when it is alone. */
    fingerprint_of(lone, fx, 1, "strcpy(d, s);\n", "security-a", 1);
    assert_string_equal(r.findings.items[0].fingerprint, lone);
    ecg_result_fini(&r);
}

static void test_fingerprint_same_line_twice_differs(void **state)
{
    struct fixture *fx = *state;
    char root[4200];
    char path[4200];
    struct ecg_result r;

    write_checkout(fx, 0, "strcpy(d, s); strcpy(e, s);\n", root, path, sizeof(root));
    result_open(&r, root, 1);
    add_finding(&r, "security-a", path, 1);
    add_finding(&r, "security-a", path, 1);
    assert_int_equal(ecg_fingerprint_assign(&r), 0);
    assert_hex16(r.findings.items[1].fingerprint);
    assert_string_not_equal(r.findings.items[0].fingerprint, r.findings.items[1].fingerprint);
    ecg_result_fini(&r);
}

static void test_fingerprint_depends_on_relative_path(void **state)
{
    struct fixture *fx = *state;
    char root[4200];
    char path[4200];
    char other[4300];
    struct ecg_result r;

    write_checkout(fx, 0, "x;\n", root, path, sizeof(root));
    snprintf(other, sizeof(other), "%s/src/b.c", root); /* unreadable: an empty line */
    result_open(&r, root, 1);
    add_finding(&r, "security-a", path, 9);
    add_finding(&r, "security-a", other, 9);
    assert_int_equal(ecg_fingerprint_assign(&r), 0);
    assert_hex16(r.findings.items[0].fingerprint);
    assert_hex16(r.findings.items[1].fingerprint);
    assert_string_not_equal(r.findings.items[0].fingerprint, r.findings.items[1].fingerprint);
    ecg_result_fini(&r);
}

static void test_fingerprint_without_sources_uses_empty_lines(void **state)
{
    struct ecg_result a;
    struct ecg_result b;

    (void)state;
    result_open(&a, "/checkout/one", 0);
    result_open(&b, "/elsewhere/two", 0);
    add_finding(&a, "security-a", "/checkout/one/src/a.c", 3);
    add_finding(&a, "security-a", "/checkout/one/src/a.c", 40);
    add_finding(&b, "security-a", "/elsewhere/two/src/a.c", 7);
    add_finding(&b, "security-a", "/elsewhere/two/src/a.c", 8);
    assert_int_equal(ecg_fingerprint_assign(&a), 0);
    assert_int_equal(ecg_fingerprint_assign(&b), 0);
    assert_hex16(a.findings.items[0].fingerprint);
    assert_string_equal(a.findings.items[0].fingerprint, b.findings.items[0].fingerprint);
    assert_string_equal(a.findings.items[1].fingerprint, b.findings.items[1].fingerprint);
    assert_string_not_equal(a.findings.items[0].fingerprint, a.findings.items[1].fingerprint);
    ecg_result_fini(&a);
    ecg_result_fini(&b);
}

static void test_fingerprint_empty_result(void **state)
{
    struct ecg_result r;

    (void)state;
    ecg_result_init(&r);
    assert_int_equal(ecg_fingerprint_assign(&r), 0);
    ecg_result_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fingerprint_hash_is_fnv1a),
        cmocka_unit_test_setup_teardown(test_fingerprint_stable_when_lines_inserted_above, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_stable_across_checkouts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_ignores_blanks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_depends_on_rule_and_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_identical_lines_differ_by_occurrence,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_same_line_twice_differs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_depends_on_relative_path, setup, teardown),
        cmocka_unit_test(test_fingerprint_without_sources_uses_empty_lines),
        cmocka_unit_test(test_fingerprint_empty_result),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
