/* Unit tests for fingerprints: stable when lines are inserted above a finding, when the
 * checkout moves or the line is re-indented; distinct for repeated lines and other rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/fingerprint.h"
#include "analyzer/result.h"
#include "analyzer/srcfile.h"

#ifndef ECG_TEST_TMPDIR
#error "ECG_TEST_TMPDIR must name a scratch directory"
#endif

#define MAX_CHECKOUTS 4

/* Scratch checkouts <base>/c<i>, each holding one source file src/a.c. */
struct fixture {
    char base[4096];
    int used[MAX_CHECKOUTS];
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (fx == NULL)
        return -1;
    if (mkdir(ECG_TEST_TMPDIR, 0777) != 0 && errno != EEXIST)
        return -1;
    snprintf(fx->base, sizeof(fx->base), "%s/fingerprint-XXXXXX", ECG_TEST_TMPDIR);
    if (mkdtemp(fx->base) == NULL)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    char path[4200];

    for (int i = 0; i < MAX_CHECKOUTS; i++) {
        if (!fx->used[i])
            continue;
        snprintf(path, sizeof(path), "%s/c%d/src/a.c", fx->base, i);
        unlink(path);
        snprintf(path, sizeof(path), "%s/c%d/src", fx->base, i);
        rmdir(path);
        snprintf(path, sizeof(path), "%s/c%d", fx->base, i);
        rmdir(path);
    }
    rmdir(fx->base);
    free(fx);
    return 0;
}

/* Writes text to checkout i's src/a.c; its root goes to root, the file's path to path. */
static void write_checkout(struct fixture *fx, int i, const char *text, char *root, char *path,
                           size_t size)
{
    char dir[4200];
    FILE *f;

    snprintf(root, size, "%s/c%d", fx->base, i);
    if (!fx->used[i]) {
        assert_int_equal(mkdir(root, 0777), 0);
        snprintf(dir, sizeof(dir), "%s/src", root);
        assert_int_equal(mkdir(dir, 0777), 0);
        fx->used[i] = 1;
    }
    snprintf(path, size, "%s/src/a.c", root);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static void result_open(struct ecg_result *r, const char *root, int with_sources)
{
    ecg_result_init(r);
    r->root = strdup(root);
    assert_non_null(r->root);
    if (with_sources) {
        r->sources = ecg_srccache_new();
        assert_non_null(r->sources);
    }
}

static void add_finding(struct ecg_result *r, const char *rule, const char *path, unsigned line)
{
    struct ecg_finding f;

    memset(&f, 0, sizeof(f));
    f.rule_id = rule;
    f.level = ECG_LEVEL_WARNING;
    assert_int_equal(ecg_range_set(&f.range, path, line, 1, line, 2), 0);
    f.message = strdup("message");
    assert_non_null(f.message);
    assert_int_equal(ecg_findings_take(&r->findings, &f), 0);
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
    assert_true(ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, "a", 1) ==
                UINT64_C(0xaf63dc4c8601ec8c));
    assert_true(ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, "foobar", 6) ==
                UINT64_C(0x85944171f73967e8));
    /* Hashing in pieces continues from the seed. */
    assert_true(ecg_fingerprint_hash(ecg_fingerprint_hash(ECG_FINGERPRINT_SEED, "foo", 3),
                                     "bar", 3) == UINT64_C(0x85944171f73967e8));
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
        cmocka_unit_test_setup_teardown(test_fingerprint_stable_across_checkouts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_ignores_blanks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_depends_on_rule_and_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_identical_lines_differ_by_occurrence,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_same_line_twice_differs, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fingerprint_depends_on_relative_path, setup,
                                        teardown),
        cmocka_unit_test(test_fingerprint_without_sources_uses_empty_lines),
        cmocka_unit_test(test_fingerprint_empty_result),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
