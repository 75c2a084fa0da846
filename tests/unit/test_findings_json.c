/* Unit tests for the cache's findings encoding: a round trip keeps every field the cache
 * promises to keep; stale or malformed entries are rejected without touching the list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/findings_json.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "tests/support/testkit.h"

static void fill(struct ecg_findings *list)
{
    struct ecg_finding f;
    struct ecg_range r = testkit_range("/p/a.c", 3, 5, 3, 20);
    struct ecg_range note = testkit_range("/p/a.h", 1, 2, 1, 9);

    memset(&f, 0, sizeof(f));
    f.rule_id = rule_registry_at(0)->id;
    f.level = ECG_LEVEL_WARNING;
    f.fails_gate = 1;
    assert_int_equal(ecg_range_set(&f.range, r.path, r.line, r.col, r.end_line, r.end_col), 0);
    f.message = strdup("message with \"quotes\" and é");
    assert_int_equal(ecg_finding_add_note(&f.related, &f.n_related, &note, "declared here"), 0);
    assert_int_equal(ecg_finding_add_note(&f.flow, &f.n_flow, &note, "step one"), 0);
    assert_int_equal(ecg_finding_add_edit(&f, &r, "snprintf"), 0);
    f.fix_description = strdup("use snprintf");
    assert_int_equal(ecg_findings_take(list, &f), 0);
}

static void test_findings_json_round_trip(void **state)
{
    struct ecg_findings in, out;
    char *text;
    const struct ecg_finding *f;

    (void)state;
    ecg_findings_init(&in);
    ecg_findings_init(&out);
    fill(&in);
    text = ecg_findings_json_write(&in);
    assert_non_null(text);
    assert_int_equal(ecg_findings_json_read(&out, text), 0);
    assert_int_equal(out.len, 1);
    f = &out.items[0];
    assert_ptr_equal(f->rule_id, rule_registry_at(0)->id); /* resolved to the descriptor */
    assert_int_equal(f->level, ECG_LEVEL_WARNING);
    assert_int_equal(f->fails_gate, 1);
    assert_string_equal(f->range.path, "/p/a.c");
    assert_int_equal(f->range.end_col, 20);
    assert_string_equal(f->message, "message with \"quotes\" and é");
    assert_int_equal(f->n_related, 1);
    assert_string_equal(f->related[0].message, "declared here");
    assert_int_equal(f->n_flow, 1);
    assert_int_equal(f->n_edits, 1);
    assert_string_equal(f->edits[0].replacement, "snprintf");
    assert_string_equal(f->fix_description, "use snprintf");
    assert_int_equal(ecg_finding_compare(&in.items[0], f), 0);
    free(text);
    ecg_findings_fini(&in);
    ecg_findings_fini(&out);
}

static void test_findings_json_rejects_unknown_rule_and_keeps_list(void **state)
{
    struct ecg_findings out;
    const char *stale = "[{\"r\":\"no-such-rule\",\"l\":1,\"g\":false,\"p\":\"/a.c\","
                        "\"s\":[1,1,1,2],\"m\":\"x\"}]";

    (void)state;
    ecg_findings_init(&out);
    fill(&out);
    assert_int_equal(ecg_findings_json_read(&out, stale), ECG_EPARSE);
    assert_int_equal(out.len, 1);
    ecg_findings_fini(&out);
}

static void test_findings_json_rejects_malformed(void **state)
{
    static const char *const bad[] = {
        "",
        "{}",
        "[1]",
        "[{\"r\":\"security-banned-function\"}]",
        "[{\"r\":\"security-banned-function\",\"l\":9,\"g\":false,\"p\":\"/a\",\"s\":[1,1,1,1],"
        "\"m\":\"x\"}]",
        "[{\"r\":\"security-banned-function\",\"l\":1,\"g\":false,\"p\":\"/a\",\"s\":[1,1],"
        "\"m\":\"x\"}]",
    };
    struct ecg_findings out;

    (void)state;
    ecg_findings_init(&out);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(ecg_findings_json_read(&out, bad[i]), ECG_EPARSE);
    assert_int_equal(out.len, 0);
    ecg_findings_fini(&out);
}

static void test_findings_json_empty_list(void **state)
{
    struct ecg_findings in, out;
    char *text;

    (void)state;
    ecg_findings_init(&in);
    ecg_findings_init(&out);
    text = ecg_findings_json_write(&in);
    assert_string_equal(text, "[]");
    assert_int_equal(ecg_findings_json_read(&out, text), 0);
    assert_int_equal(out.len, 0);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings_json_round_trip),
        cmocka_unit_test(test_findings_json_rejects_unknown_rule_and_keeps_list),
        cmocka_unit_test(test_findings_json_rejects_malformed),
        cmocka_unit_test(test_findings_json_empty_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
