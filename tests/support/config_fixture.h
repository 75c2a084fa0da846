/* Helpers shared by the configuration unit tests (test_config.c, test_config_cache.c):
 * parsing text that must be accepted, and rule option values that differ from the defaults.
 * Each fails the test rather than returning an error. */
#ifndef ECG_TESTS_SUPPORT_CONFIG_FIXTURE_H
#define ECG_TESTS_SUPPORT_CONFIG_FIXTURE_H

struct cJSON;
struct ecg_config;
struct rule_desc;
struct rule_option;

/* Parses text as a configuration file named "t.json" in dir and returns it (the caller's, to
 * release with ecg_config_free); on failure prints the diagnostic and fails the test. */
struct ecg_config *config_fixture_parse_ok(const char *text, const char *dir);

/* The first registered rule (borrowed); fails the test unless it has an option. */
const struct rule_desc *config_fixture_first_rule(void);

/* A JSON value of the option's type (a list for lists) that differs from its default, as a
 * static string. */
const char *config_fixture_valid_value(const struct rule_option *o);

/* Fails the test unless v is the value config_fixture_valid_value gives for o. */
void config_fixture_assert_valid_value(const struct rule_option *o, const struct cJSON *v);

#endif
