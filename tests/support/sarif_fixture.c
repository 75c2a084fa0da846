/* Fixture of the SARIF writer's unit tests; see sarif_fixture.h. The result's rules array is
 * the fixture's own, so a test may point its entries at other descriptors. */
#include "tests/support/sarif_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "rules/rule.h"
#include "sarif/sarif.h"
#include "tests/support/testkit.h"

#define FIXTURE_N_RULES 2

const struct rule_desc sarif_fixture_rule_banned = {
    .id = SARIF_FIXTURE_BANNED_ID,
    .title = "Banned function",
    .summary = "Flags C library calls that cannot bound their output.",
    .description = "strcpy, gets and sprintf write past their buffer.",
    .tags = "security, maintainability,,security",
    .precision = "high",
    .security_severity = "8.1",
    .cwe = { 242, 676 },
    .level = ECG_LEVEL_WARNING,
};

const struct rule_desc sarif_fixture_rule_plain = {
    .id = "style-plain",
    .summary = "A rule with no extras.",
    .level = ECG_LEVEL_NOTE,
};

int sarif_fixture_teardown(void **state)
{
    struct sarif_fixture *fx = *state;

    ecg_result_fini(&fx->result);
    free(fx->out);
    cJSON_Delete(fx->log);
    testkit_remove_tree(fx->dir);
    free(fx);
    return 0;
}

int sarif_fixture_setup(void **state)
{
    struct sarif_fixture *fx = calloc(1, sizeof(*fx));

    if (fx == NULL)
        return -1;
    *state = fx;
    if (testkit_tmpdir(fx->dir, sizeof(fx->dir), "sarif") == 0 &&
        testkit_result_init(&fx->result, fx->dir, 1) == 0)
        fx->result.rules = malloc(FIXTURE_N_RULES * sizeof(*fx->result.rules));
    if (fx->result.rules == NULL) {
        sarif_fixture_teardown(state);
        return -1;
    }
    fx->result.rules[0] = &sarif_fixture_rule_banned;
    fx->result.rules[1] = &sarif_fixture_rule_plain;
    fx->result.n_rules = FIXTURE_N_RULES;
    fx->result.units_total = 1;
    fx->result.timestamps = 0;
    return 0;
}

struct ecg_finding *sarif_fixture_add_finding(struct sarif_fixture *fx, const char *rule_id,
                                              enum ecg_level level, struct ecg_range r,
                                              const char *message)
{
    return testkit_add_finding(&fx->result, rule_id, level, &r, message);
}

void sarif_fixture_write_log_opts(struct sarif_fixture *fx, const struct sarif_options *opts)
{
    FILE *f;

    free(fx->out);
    fx->out = NULL;
    cJSON_Delete(fx->log);
    fx->log = NULL;
    f = open_memstream(&fx->out, &fx->size);
    assert_non_null(f);
    assert_int_equal(sarif_write(f, &fx->result, opts), 0);
    assert_int_equal(fclose(f), 0);
    fx->log = cJSON_Parse(fx->out);
    assert_non_null(fx->log);
}

void sarif_fixture_write_log(struct sarif_fixture *fx, const char *category)
{
    struct sarif_options opts = { .category = category, .profile = SARIF_PROFILE_FULL };

    sarif_fixture_write_log_opts(fx, &opts);
}

void sarif_fixture_write_github(struct sarif_fixture *fx, size_t max_results)
{
    struct sarif_options opts = { .profile = SARIF_PROFILE_GITHUB, .max_results = max_results };

    sarif_fixture_write_log_opts(fx, &opts);
}
