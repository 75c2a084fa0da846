/* Helpers of the configuration unit tests; see config_fixture.h. The values here and the
 * checks in config_fixture_assert_valid_value must change together. */
#include "tests/support/config_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/config.h"
#include "analyzer/diag.h"
#include "rules/registry.h"
#include "rules/rule.h"

struct ecg_config *config_fixture_parse_ok(const char *text, const char *dir)
{
    struct ecg_config *cfg = NULL;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    rc = ecg_config_parse(&cfg, text, strlen(text), "t.json", dir, &diag);
    if (rc != 0)
        fprintf(stderr, "unexpected failure: %u:%u: %s\n", diag.line, diag.col, diag.message);
    assert_int_equal(rc, 0);
    assert_non_null(cfg);
    return cfg;
}

const struct rule_desc *config_fixture_first_rule(void)
{
    assert_true(rule_registry_count() > 0);
    assert_true(rule_registry_at(0)->n_options > 0);
    return rule_registry_at(0);
}

const char *config_fixture_valid_value(const struct rule_option *o)
{
    switch (o->type) {
    case RULE_OPT_BOOL:
        return strcmp(o->default_value, "true") == 0 ? "false" : "true";
    case RULE_OPT_INT:
        return "12345";
    case RULE_OPT_STRING:
        return "\"configured\"";
    case RULE_OPT_STRING_LIST:
        return "[\"p\", \"q\"]";
    }
    return "null";
}

void config_fixture_assert_valid_value(const struct rule_option *o, const cJSON *v)
{
    assert_non_null(v);
    switch (o->type) {
    case RULE_OPT_BOOL:
        assert_true(cJSON_IsBool(v));
        assert_int_equal(cJSON_IsTrue(v), strcmp(o->default_value, "true") != 0);
        break;
    case RULE_OPT_INT:
        assert_true(cJSON_IsNumber(v));
        assert_int_equal(v->valueint, 12345);
        break;
    case RULE_OPT_STRING:
        assert_string_equal(cJSON_GetStringValue(v), "configured");
        break;
    case RULE_OPT_STRING_LIST:
        assert_int_equal(cJSON_GetArraySize(v), 2);
        assert_string_equal(cJSON_GetStringValue(cJSON_GetArrayItem(v, 1)), "q");
        break;
    }
}
