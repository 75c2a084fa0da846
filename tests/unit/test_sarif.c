/* Unit tests for the SARIF writer: the log is parsed back with cJSON and checked field by
 * field (driver and rules, code point columns, URIs, related locations, flows, fixes, the
 * all-or-none suppressions rule, invocation), byte-identical output across writes, both
 * profiles with GitHub's limits, primaryLocationLineHash, baseline states and help URIs.
 * Line hash values were computed with a Python transcription of codeql-action's
 * src/fingerprints.ts (see test_linehash.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/result.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "sarif/sarif.h"
#include "tests/support/testkit.h"

#define BF "security-banned-function"

static const struct rule_desc rule_banned = {
    .id = BF,
    .title = "Banned function",
    .summary = "Flags C library calls that cannot bound their output.",
    .description = "strcpy, gets and sprintf write past their buffer.",
    .tags = "security, maintainability,,security",
    .precision = "high",
    .security_severity = "8.1",
    .cwe = {242, 676},
    .level = ECG_LEVEL_WARNING,
};

static const struct rule_desc rule_plain = {
    .id = "style-plain",
    .summary = "A rule with no extras.",
    .level = ECG_LEVEL_NOTE,
};

struct fixture {
    char dir[4096];
    struct ecg_result result;
    const struct rule_desc *rules[2];
    char *out;
    size_t size;
    cJSON *log; /* last output, parsed */
};

static int teardown(void **state)
{
    struct fixture *fx = *state;

    ecg_result_fini(&fx->result);
    free(fx->out);
    cJSON_Delete(fx->log);
    testkit_remove_tree(fx->dir);
    free(fx);
    return 0;
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (fx == NULL)
        return -1;
    *state = fx;
    if (testkit_tmpdir(fx->dir, sizeof(fx->dir), "sarif") == 0 &&
        testkit_result_init(&fx->result, fx->dir, 1) == 0)
        fx->result.rules = malloc(sizeof(fx->rules));
    if (fx->result.rules == NULL) {
        teardown(state);
        return -1;
    }
    fx->result.rules[0] = &rule_banned;
    fx->result.rules[1] = &rule_plain;
    fx->result.n_rules = 2;
    fx->result.units_total = 1;
    fx->result.timestamps = 0;
    return 0;
}

static struct ecg_finding *add_finding(struct fixture *fx, const char *rule_id,
                                       enum ecg_level level, struct ecg_range r,
                                       const char *message)
{
    return testkit_add_finding(&fx->result, rule_id, level, &r, message);
}

/* Writes the log into memory with opts and parses it into fx->log. */
static void write_log_opts(struct fixture *fx, const struct sarif_options *opts)
{
    FILE *f;

    free(fx->out);
    fx->out = NULL;
    cJSON_Delete(fx->log);
    f = open_memstream(&fx->out, &fx->size);
    assert_non_null(f);
    assert_int_equal(sarif_write(f, &fx->result, opts), 0);
    assert_int_equal(fclose(f), 0);
    fx->log = cJSON_Parse(fx->out);
    assert_non_null(fx->log);
}

/* Writes the log of the full profile with the given category. */
static void write_log(struct fixture *fx, const char *category)
{
    struct sarif_options opts = { .category = category, .profile = SARIF_PROFILE_FULL };

    write_log_opts(fx, &opts);
}

static void write_github(struct fixture *fx, size_t max_results)
{
    struct sarif_options opts = { .profile = SARIF_PROFILE_GITHUB, .max_results = max_results };

    write_log_opts(fx, &opts);
}

/* The item at a dotted path: "runs.0.results.1.level" (numbers index arrays). */
static const cJSON *at(const cJSON *node, const char *path)
{
    char key[128];

    while (node != NULL && *path != '\0') {
        size_t n = strcspn(path, ".");
        char *end;
        long index;
        assert_true(n < sizeof(key));
        memcpy(key, path, n);
        key[n] = '\0';
        index = strtol(key, &end, 10);
        if (cJSON_IsArray(node) && *end == '\0' && end != key)
            node = cJSON_GetArrayItem(node, (int)index);
        else
            node = cJSON_GetObjectItemCaseSensitive(node, key);
        path += path[n] == '.' ? n + 1 : n;
    }
    return node;
}

static void assert_str_at(const cJSON *root, const char *path, const char *want)
{
    const cJSON *item = at(root, path);

    if (item == NULL || !cJSON_IsString(item))
        fail_msg("%s: missing or not a string", path);
    assert_string_equal(item->valuestring, want);
}

static void assert_num_at(const cJSON *root, const char *path, double want)
{
    const cJSON *item = at(root, path);

    if (item == NULL || !cJSON_IsNumber(item))
        fail_msg("%s: missing or not a number", path);
    if (item->valuedouble != want)
        fail_msg("%s: %g, want %g", path, item->valuedouble, want);
}

static void assert_absent(const cJSON *root, const char *path)
{
    if (at(root, path) != NULL)
        fail_msg("%s: present but should not be", path);
}

/* No string anywhere in the tree is empty. */
static void assert_no_empty_strings(const cJSON *node)
{
    const cJSON *child;

    if (cJSON_IsString(node))
        assert_true(node->valuestring[0] != '\0');
    cJSON_ArrayForEach(child, node)
    {
        assert_no_empty_strings(child);
    }
}

static void test_sarif_header_driver_and_rules(void **state)
{
    struct fixture *fx = *state;
    const cJSON *rule;
    const cJSON *tags;

    write_log(fx, NULL);
    assert_str_at(fx->log, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    assert_str_at(fx->log, "version", "2.1.0");
    assert_int_equal(cJSON_GetArraySize(at(fx->log, "runs")), 1);
    assert_str_at(fx->log, "runs.0.tool.driver.name", "ecg");
    assert_str_at(fx->log, "runs.0.tool.driver.semanticVersion", "0.1.0");
    assert_str_at(fx->log, "runs.0.tool.driver.informationUri", "https://github.com/ecg-tools/ecg");
    rule = at(fx->log, "runs.0.tool.driver.rules.0");
    assert_str_at(rule, "id", BF);
    assert_str_at(rule, "name", "Banned function");
    assert_str_at(rule, "shortDescription.text", rule_banned.summary);
    assert_str_at(rule, "fullDescription.text", rule_banned.description);
    assert_str_at(rule, "helpUri",
                  "https://github.com/ecg-tools/ecg/blob/main/docs/rules/" BF ".md");
    assert_str_at(rule, "help.text",
                  "Flags C library calls that cannot bound their output.\n\n"
                  "strcpy, gets and sprintf write past their buffer.\n\n"
                  "See https://github.com/ecg-tools/ecg/blob/main/docs/rules/" BF ".md");
    assert_non_null(strstr(at(rule, "help.markdown")->valuestring,
                           "[Documentation](https://github.com/ecg-tools/ecg/blob/main/docs/"
                           "rules/" BF ".md)"));
    assert_str_at(rule, "defaultConfiguration.level", "warning");
    assert_str_at(rule, "properties.precision", "high");
    assert_str_at(rule, "properties.security-severity", "8.1");
    tags = at(rule, "properties.tags");
    assert_int_equal(cJSON_GetArraySize(tags), 4);
    assert_str_at(tags, "0", "security");
    assert_str_at(tags, "1", "maintainability");
    assert_str_at(tags, "2", "external/cwe/cwe-242");
    assert_str_at(tags, "3", "external/cwe/cwe-676");
    rule = at(fx->log, "runs.0.tool.driver.rules.1");
    assert_str_at(rule, "id", "style-plain");
    assert_str_at(rule, "defaultConfiguration.level", "note");
    assert_absent(rule, "name");
    assert_absent(rule, "fullDescription");
    assert_absent(rule, "properties");
    assert_str_at(fx->log, "runs.0.columnKind", "unicodeCodePoints");
    assert_int_equal(cJSON_GetArraySize(at(fx->log, "runs.0.results")), 0);
    assert_no_empty_strings(fx->log);
}

static void test_sarif_result_location_in_code_points(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    const cJSON *res;
    struct ecg_finding *f;

    /* "é" is two bytes: strcpy is at byte column 11, code point column 10. */
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c",
                     "int a;\ns = \"\xc3\xa9\"; strcpy(d, s);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 2, 11, 2, 23),
                    "'strcpy' is unbounded");
    memcpy(f->fingerprint, "0123456789abcdef", 17);
    add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(path, 1, 1, 2, 8), "multi-line");
    write_log(fx, NULL);
    res = at(fx->log, "runs.0.results.0");
    assert_str_at(res, "ruleId", BF);
    assert_num_at(res, "ruleIndex", 0);
    assert_str_at(res, "level", "warning");
    assert_str_at(res, "message.text", "'strcpy' is unbounded");
    assert_str_at(res, "locations.0.physicalLocation.artifactLocation.uri", "f0.c");
    assert_str_at(res, "locations.0.physicalLocation.artifactLocation.uriBaseId", "%SRCROOT%");
    assert_num_at(res, "locations.0.physicalLocation.region.startLine", 2);
    assert_num_at(res, "locations.0.physicalLocation.region.startColumn", 10);
    assert_num_at(res, "locations.0.physicalLocation.region.endLine", 2);
    assert_num_at(res, "locations.0.physicalLocation.region.endColumn", 22);
    assert_str_at(res, "locations.0.physicalLocation.region.snippet.text",
                  "s = \"\xc3\xa9\"; strcpy(d, s);");
    assert_str_at(res, "partialFingerprints.ecg/v1", "0123456789abcdef");
    assert_absent(res, "suppressions");
    assert_absent(res, "relatedLocations");
    assert_absent(res, "codeFlows");
    assert_absent(res, "fixes");
    /* The end of a multi-line range is converted with its own line's text. */
    res = at(fx->log, "runs.0.results.1");
    assert_num_at(res, "ruleIndex", 1);
    assert_str_at(res, "level", "note");
    assert_num_at(res, "locations.0.physicalLocation.region.endLine", 2);
    assert_num_at(res, "locations.0.physicalLocation.region.endColumn", 7);
    assert_absent(res, "partialFingerprints.ecg/v1");
    assert_str_at(res, "partialFingerprints.primaryLocationLineHash", "7ca4e74318c000ba:1");
    assert_str_at(fx->log, "runs.0.results.0.partialFingerprints.primaryLocationLineHash",
                  "23b98fb6b0997c1:1");
    assert_absent(res, "baselineState");
}

static void test_sarif_uris(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    char want[4400];
    const cJSON *uri;

    snprintf(path, sizeof(path), "%s/my dir/a#b%%.c", fx->dir);
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 2), "m");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/other place/b.c", 1, 1, 1, 2), "m");
    write_log(fx, NULL);
    assert_str_at(fx->log, "runs.0.results.0.locations.0.physicalLocation.artifactLocation.uri",
                  "my%20dir/a%23b%25.c");
    assert_str_at(fx->log, "runs.0.results.1.locations.0.physicalLocation.artifactLocation.uri",
                  "file:///other%20place/b.c");
    assert_absent(fx->log,
                  "runs.0.results.1.locations.0.physicalLocation.artifactLocation.uriBaseId");
    uri = at(fx->log, "runs.0.originalUriBaseIds.%SRCROOT%.uri");
    assert_non_null(uri);
    snprintf(want, sizeof(want), "file://%s/", fx->dir);
    assert_string_equal(uri->valuestring, want);
    assert_int_equal(uri->valuestring[strlen(uri->valuestring) - 1], '/');
}

static void test_sarif_related_flow_and_fix(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_finding *f;
    struct ecg_range r;
    const cJSON *res;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c",
                     "char dst[4];\n\t\xc3\xa9 = gets(dst);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 2, 7, 2, 16), "m");
    r = testkit_range(path, 1, 6, 1, 9);
    assert_int_equal(ecg_finding_add_note(&f->related, &f->n_related, &r, "declared here"), 0);
    r = testkit_range(path, 1, 1, 1, 13);
    assert_int_equal(ecg_finding_add_note(&f->flow, &f->n_flow, &r, "source"), 0);
    r = testkit_range(path, 2, 7, 2, 16);
    assert_int_equal(ecg_finding_add_note(&f->flow, &f->n_flow, &r, "sink"), 0);
    r = testkit_range(path, 2, 7, 2, 11);
    assert_int_equal(ecg_finding_add_edit(f, &r, "fgets"), 0);
    r = testkit_range("/elsewhere/x.h", 3, 1, 3, 1);
    assert_int_equal(ecg_finding_add_edit(f, &r, ""), 0);
    f->fix_description = strdup("use fgets");
    assert_non_null(f->fix_description);
    write_log(fx, NULL);
    res = at(fx->log, "runs.0.results.0");
    assert_num_at(res, "relatedLocations.0.id", 1);
    assert_str_at(res, "relatedLocations.0.message.text", "declared here");
    assert_num_at(res, "relatedLocations.0.physicalLocation.region.startColumn", 6);
    assert_str_at(res, "codeFlows.0.threadFlows.0.locations.0.location.message.text", "source");
    assert_str_at(res, "codeFlows.0.threadFlows.0.locations.1.location.message.text", "sink");
    assert_num_at(res,
                  "codeFlows.0.threadFlows.0.locations.1.location.physicalLocation.region."
                  "startColumn",
                  6);
    assert_str_at(res, "fixes.0.description.text", "use fgets");
    assert_int_equal(cJSON_GetArraySize(at(res, "fixes.0.artifactChanges")), 2);
    assert_str_at(res, "fixes.0.artifactChanges.0.artifactLocation.uri", "f0.c");
    assert_num_at(res, "fixes.0.artifactChanges.0.replacements.0.deletedRegion.startColumn", 6);
    assert_num_at(res, "fixes.0.artifactChanges.0.replacements.0.deletedRegion.endColumn", 10);
    assert_str_at(res, "fixes.0.artifactChanges.0.replacements.0.insertedContent.text", "fgets");
    assert_str_at(res, "fixes.0.artifactChanges.1.artifactLocation.uri", "file:///elsewhere/x.h");
    /* A deletion has no insertedContent rather than an empty string. */
    assert_absent(res, "fixes.0.artifactChanges.1.replacements.0.insertedContent");
    assert_num_at(res, "fixes.0.artifactChanges.1.replacements.0.deletedRegion.startLine", 3);
    assert_no_empty_strings(fx->log);
}

static void test_sarif_suppressions_all_or_none(void **state)
{
    struct fixture *fx = *state;
    struct ecg_finding *f;

    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2), "a");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 2, 1, 2, 2), "b");
    write_log(fx, NULL);
    assert_absent(fx->log, "runs.0.results.0.suppressions");
    assert_absent(fx->log, "runs.0.results.1.suppressions");
    f->suppressed = 1;
    f->justification = strdup("NOLINT(security-banned-function): checked length");
    assert_non_null(f->justification);
    write_log(fx, NULL);
    assert_true(cJSON_IsArray(at(fx->log, "runs.0.results.0.suppressions")));
    assert_int_equal(cJSON_GetArraySize(at(fx->log, "runs.0.results.0.suppressions")), 0);
    assert_int_equal(cJSON_GetArraySize(at(fx->log, "runs.0.results.1.suppressions")), 1);
    assert_str_at(fx->log, "runs.0.results.1.suppressions.0.kind", "inSource");
    assert_str_at(fx->log, "runs.0.results.1.suppressions.0.justification",
                  "NOLINT(security-banned-function): checked length");
    free(f->justification);
    f->justification = NULL;
    write_log(fx, NULL);
    assert_absent(fx->log, "runs.0.results.1.suppressions.0.justification");
}

static void test_sarif_gate_failing_warning_is_error(void **state)
{
    struct fixture *fx = *state;
    struct ecg_finding *f;

    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2), "a");
    f->fails_gate = 1;
    add_finding(fx, "unknown-rule", ECG_LEVEL_ERROR, testkit_range("/x.c", 2, 1, 2, 2), "b");
    write_log(fx, NULL);
    assert_str_at(fx->log, "runs.0.results.0.level", "error");
    assert_str_at(fx->log, "runs.0.results.1.level", "error");
    assert_absent(fx->log, "runs.0.results.1.ruleIndex");
}

static void test_sarif_invocation(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    const cJSON *inv;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "\xc3\xa9\xc3\xa9 x y\n");
    fx->result.command_line = strdup("ecg check -p build");
    assert_non_null(fx->result.command_line);
    fx->result.units_total = 2;
    fx->result.units_failed = 1;
    assert_int_equal(ecg_result_add_unit_error(&fx->result, path, path, 1, 6, "unknown type"), 0);
    assert_int_equal(ecg_result_add_unit_error(&fx->result, "/u.c", "/u.c", 0, 0, "no input"), 0);
    write_log(fx, NULL);
    inv = at(fx->log, "runs.0.invocations.0");
    assert_true(cJSON_IsFalse(at(inv, "executionSuccessful")));
    assert_str_at(inv, "commandLine", "ecg check -p build");
    assert_absent(inv, "startTimeUtc");
    assert_absent(inv, "endTimeUtc");
    assert_str_at(inv, "toolExecutionNotifications.0.level", "error");
    assert_str_at(inv, "toolExecutionNotifications.0.message.text", "unknown type");
    assert_str_at(inv,
                  "toolExecutionNotifications.0.locations.0.physicalLocation.artifactLocation.uri",
                  "f0.c");
    assert_num_at(inv, "toolExecutionNotifications.0.locations.0.physicalLocation.region.startLine",
                  1);
    assert_num_at(
        inv, "toolExecutionNotifications.0.locations.0.physicalLocation.region.startColumn", 4);
    assert_absent(inv, "toolExecutionNotifications.1.locations.0.physicalLocation.region");
    fx->result.units_failed = 0;
    free(fx->result.command_line);
    fx->result.command_line = NULL;
    write_log(fx, NULL);
    assert_true(cJSON_IsTrue(at(fx->log, "runs.0.invocations.0.executionSuccessful")));
    assert_absent(fx->log, "runs.0.invocations.0.commandLine");
}

static void test_sarif_timestamps(void **state)
{
    struct fixture *fx = *state;

    fx->result.timestamps = 1;
    fx->result.start_time.tv_sec = 1700000000;
    fx->result.start_time.tv_nsec = 250000000;
    fx->result.end_time.tv_sec = 1700000061;
    fx->result.end_time.tv_nsec = 0;
    write_log(fx, NULL);
    assert_str_at(fx->log, "runs.0.invocations.0.startTimeUtc", "2023-11-14T22:13:20.250Z");
    assert_str_at(fx->log, "runs.0.invocations.0.endTimeUtc", "2023-11-14T22:14:21.000Z");
}

static void test_sarif_deterministic_bytes(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    char *first;
    struct ecg_finding *f;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "gets(b);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "m");
    f->suppressed = 1;
    add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(path, 1, 6, 1, 7), "n");
    fx->result.start_time.tv_sec = 5;
    write_log(fx, NULL);
    first = strdup(fx->out);
    assert_non_null(first);
    fx->result.start_time.tv_sec = 99;
    write_log(fx, NULL);
    assert_string_equal(first, fx->out);
    free(first);
}

static void test_sarif_category_and_invalid_utf8(void **state)
{
    struct fixture *fx = *state;

    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2),
                "bad \xff byte \xed\xa0\x80");
    write_log(fx, "ecg");
    assert_str_at(fx->log, "runs.0.automationDetails.id", "ecg/");
    assert_str_at(fx->log, "runs.0.results.0.message.text",
                  "bad \xef\xbf\xbd byte \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    assert_null(strchr(fx->out, '\xff'));
    write_log(fx, "ci/linux/");
    assert_str_at(fx->log, "runs.0.automationDetails.id", "ci/linux/");
    write_log(fx, "");
    assert_absent(fx->log, "runs.0.automationDetails");
}

static void test_sarif_eio_on_write_failure(void **state)
{
    struct fixture *fx = *state;
    FILE *full = fopen("/dev/full", "w");

    if (full == NULL)
        skip();
    assert_int_equal(sarif_write(full, &fx->result, NULL), ECG_EIO);
    fclose(full);
}

static int size_at(const cJSON *root, const char *path)
{
    const cJSON *item = at(root, path);

    if (item == NULL || !cJSON_IsArray(item))
        fail_msg("%s: missing or not an array", path);
    return cJSON_GetArraySize(item);
}

/* Forty identical lines: the first seven share a hash, told apart by the count. */
static const char forty_lines[] = "x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n"
                                  "x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n"
                                  "x;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\nx;\n";

static void test_sarif_line_hash_per_file_and_line(void **state)
{
    struct fixture *fx = *state;
    char a[4200];
    char b[4200];

    testkit_write_in(a, sizeof(a), fx->dir, "a.c", forty_lines);
    testkit_write_in(b, sizeof(b), fx->dir, "b.c", "gets(b);\r\ngets(b);\r\n");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 2, 1, 2, 3), "second");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 1, 1, 1, 3), "first");
    add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(b, 2, 1, 2, 5), "crlf");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 8, 1, 8, 3), "eighth");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(a, 99, 1, 99, 3), "past the end");
    add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/no/such/file.c", 1, 1, 1, 2), "gone");
    write_github(fx, 0);
    assert_str_at(fx->log, "runs.0.results.0.partialFingerprints.primaryLocationLineHash",
                  "5ce70cc0634d5465:2");
    assert_str_at(fx->log, "runs.0.results.1.partialFingerprints.primaryLocationLineHash",
                  "5ce70cc0634d5465:1");
    assert_str_at(fx->log, "runs.0.results.2.partialFingerprints.primaryLocationLineHash",
                  "d3db916b5263028a:1");
    assert_str_at(fx->log, "runs.0.results.3.partialFingerprints.primaryLocationLineHash",
                  "5ce70cc0634e53ec:1");
    /* No line or no file: nothing rather than a value GitHub would not compute. */
    assert_absent(fx->log, "runs.0.results.4.partialFingerprints");
    assert_absent(fx->log, "runs.0.results.5.partialFingerprints");
}

static void test_sarif_github_profile_drops_suppressed_and_fixes(void **state)
{
    struct fixture *fx = *state;
    char path[4200];
    struct ecg_finding *f;
    struct ecg_range r;

    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "char dst[4];\ngets(dst);\n");
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 1, 1, 1, 5), "quiet");
    f->suppressed = 1;
    f->justification = strdup("NOLINT");
    assert_non_null(f->justification);
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range(path, 2, 1, 2, 10), "loud");
    r = testkit_range(path, 2, 1, 2, 5);
    assert_int_equal(ecg_finding_add_edit(f, &r, "fgets"), 0);
    f->fix_description = strdup("use fgets");
    assert_non_null(f->fix_description);
    write_log(fx, NULL);
    assert_int_equal(size_at(fx->log, "runs.0.results"), 2);
    assert_int_equal(size_at(fx->log, "runs.0.results.0.suppressions"), 1);
    assert_int_equal(size_at(fx->log, "runs.0.results.1.suppressions"), 0);
    assert_int_equal(size_at(fx->log, "runs.0.results.1.fixes"), 1);
    write_github(fx, 0);
    assert_int_equal(size_at(fx->log, "runs.0.results"), 1);
    assert_str_at(fx->log, "runs.0.results.0.message.text", "loud");
    assert_null(strstr(fx->out, "\"suppressions\""));
    assert_null(strstr(fx->out, "\"fixes\""));
    assert_str_at(fx->log, "runs.0.results.0.partialFingerprints.primaryLocationLineHash",
                  "b0eac871a1bf3487:1");
    assert_absent(fx->log, "runs.0.invocations.0.toolExecutionNotifications");
    assert_no_empty_strings(fx->log);
}

/* In order: n1 note, w1 warning, e1 error, g1 gate-failing warning (an error), n2, w2. */
static void add_mixed_levels(struct fixture *fx)
{
    static const char *const names[] = {"n1", "w1", "e1", "g1", "n2", "w2"};
    static const enum ecg_level levels[] = {ECG_LEVEL_NOTE,  ECG_LEVEL_WARNING,
                                            ECG_LEVEL_ERROR, ECG_LEVEL_WARNING,
                                            ECG_LEVEL_NOTE,  ECG_LEVEL_WARNING};

    for (unsigned i = 0; i < 6; i++) {
        struct ecg_finding *f =
            add_finding(fx, BF, levels[i], testkit_range("/x.c", i + 1, 1, i + 1, 2), names[i]);
        f->fails_gate = i == 3;
    }
}

/* The messages of the results, joined by blanks. */
static void assert_messages(const cJSON *log, const char *want)
{
    char got[256] = "";
    const cJSON *res;

    cJSON_ArrayForEach(res, at(log, "runs.0.results"))
    {
        size_t n = strlen(got);
        snprintf(got + n, sizeof(got) - n, "%s%s", n > 0 ? " " : "",
                 at(res, "message.text")->valuestring);
    }
    assert_string_equal(got, want);
}

static void test_sarif_max_results_keeps_most_severe(void **state)
{
    struct fixture *fx = *state;
    struct sarif_options full = {.profile = SARIF_PROFILE_FULL, .max_results = 3};

    add_mixed_levels(fx);
    write_github(fx, 4);
    assert_messages(fx->log, "w1 e1 g1 w2");
    assert_str_at(fx->log, "runs.0.results.2.level", "error");
    assert_int_equal(size_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications"), 1);
    assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.level", "warning");
    assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.message.text",
                  "2 of 6 results left out: at most 4 are written per run, the most severe "
                  "first (error, then warning, then note)");
    assert_true(cJSON_IsTrue(at(fx->log, "runs.0.invocations.0.executionSuccessful")));
    write_github(fx, 2);
    assert_messages(fx->log, "e1 g1");
    write_github(fx, 6);
    assert_messages(fx->log, "n1 w1 e1 g1 n2 w2");
    assert_absent(fx->log, "runs.0.invocations.0.toolExecutionNotifications");
    /* The full profile has no limit unless asked for one. */
    write_log(fx, NULL);
    assert_messages(fx->log, "n1 w1 e1 g1 n2 w2");
    write_log_opts(fx, &full);
    assert_messages(fx->log, "w1 e1 g1");
    assert_non_null(strstr(
        at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.message.text")->valuestring,
        "3 of 6 results left out"));
}

static const struct rule_desc rule_tagged = {
    .id = "style-tagged",
    .summary = "A rule with too many tags.",
    .tags = "t01,t02,t03,t04,t05,t06,t07,t08,t09,t10,t11,t12,t13,t14,t15,t16,t17,t18,t19,"
            "t20,t21,t22,t23,t24,t25",
    .cwe = {1, 2},
    .level = ECG_LEVEL_NOTE,
};

static void add_notes(struct ecg_note **notes, size_t *n, size_t count)
{
    struct ecg_range r = testkit_range("/x.c", 1, 1, 1, 2);

    for (size_t i = 0; i < count; i++) {
        r.line = (unsigned)i + 1;
        assert_int_equal(ecg_finding_add_note(notes, n, &r, "step"), 0);
    }
}

static void test_sarif_github_caps_locations_flows_tags(void **state)
{
    struct fixture *fx = *state;
    const char *note_path = "runs.0.invocations.0.toolExecutionNotifications";
    struct ecg_finding *f;

    fx->result.rules[1] = &rule_tagged;
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 1, 1, 1, 2), "big");
    add_notes(&f->related, &f->n_related, SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT + 200);
    add_notes(&f->flow, &f->n_flow, SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS + 50);
    f = add_finding(fx, BF, ECG_LEVEL_WARNING, testkit_range("/x.c", 2, 1, 2, 2), "small");
    add_notes(&f->related, &f->n_related, 3);
    write_github(fx, 0);
    /* The primary location counts among the 1,000 locations of a result. */
    assert_int_equal(size_at(fx->log, "runs.0.results.0.relatedLocations"),
                     SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT - 1);
    assert_int_equal(size_at(fx->log, "runs.0.results.0.codeFlows.0.threadFlows.0.locations"),
                     SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS);
    assert_int_equal(size_at(fx->log, "runs.0.results.1.relatedLocations"), 3);
    assert_int_equal(size_at(fx->log, "runs.0.tool.driver.rules.1.properties.tags"),
                     SARIF_GITHUB_MAX_TAGS_PER_RULE);
    assert_str_at(fx->log, "runs.0.tool.driver.rules.1.properties.tags.19", "t20");
    assert_int_equal(size_at(fx->log, "runs.0.tool.driver.rules.0.properties.tags"), 4);
    assert_int_equal(size_at(fx->log, note_path), 3);
    assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.0.message.text",
                  "relatedLocations cut to the first 999 in 1 result(s): GitHub accepts at most "
                  "1000 locations per result");
    assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.1.message.text",
                  "code flows cut to the first 10000 steps in 1 result(s): GitHub accepts at "
                  "most 10000 thread flow locations per result");
    assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.2.message.text",
                  "tags cut to the first 20 in 1 rule(s): GitHub accepts at most 20 tags per "
                  "rule");
    assert_str_at(fx->log, "runs.0.invocations.0.toolExecutionNotifications.2.level", "warning");
    write_log(fx, NULL);
    assert_int_equal(size_at(fx->log, "runs.0.results.0.relatedLocations"),
                     SARIF_GITHUB_MAX_LOCATIONS_PER_RESULT + 200);
    assert_int_equal(size_at(fx->log, "runs.0.results.0.codeFlows.0.threadFlows.0.locations"),
                     SARIF_GITHUB_MAX_THREAD_FLOW_LOCATIONS + 50);
    assert_int_equal(size_at(fx->log, "runs.0.tool.driver.rules.1.properties.tags"), 27);
    assert_absent(fx->log, note_path);
}

/* Moves a finding of rule_id at path:line into the result's absent list. */
static void add_absent(struct fixture *fx, const char *rule_id, const char *path, unsigned line)
{
    struct ecg_finding g;
    struct ecg_range r = testkit_range(path, line, 1, line, 5);

    memset(&g, 0, sizeof(g));
    g.rule_id = rule_id;
    g.level = ECG_LEVEL_WARNING;
    g.baseline_state = ECG_BASELINE_ABSENT;
    g.suppressed = 1; /* never shown as suppressed: it is gone */
    memcpy(g.fingerprint, "00112233aabbccdd", 17);
    g.message = strdup("gone");
    assert_non_null(g.message);
    assert_int_equal(ecg_range_set(&g.range, path, line, 1, line, 5), 0);
    assert_int_equal(ecg_finding_add_edit(&g, &r, "fgets"), 0);
    assert_int_equal(ecg_findings_take(&fx->result.absent, &g), 0);
}

static void test_sarif_baseline_states_and_absent_results(void **state)
{
    struct fixture *fx = *state;
    const struct rule_desc *registered = rule_registry_find(BF);
    char path[4200];
    struct ecg_finding *f;

    assert_non_null(registered);
    fx->result.rules[0] = &rule_plain;
    fx->result.n_rules = 1;
    fx->result.baseline_in_use = 1;
    testkit_write_in(path, sizeof(path), fx->dir, "f0.c", "a;\nb;\nc;\nd;\n");
    f = add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(path, 1, 1, 1, 2), "fresh");
    f->baseline_state = ECG_BASELINE_NEW;
    f = add_finding(fx, "style-plain", ECG_LEVEL_NOTE, testkit_range(path, 2, 1, 2, 2), "old");
    f->baseline_state = ECG_BASELINE_UNCHANGED;
    f->suppressed = 1;
    add_absent(fx, BF, path, 3);
    add_absent(fx, "gone-rule", path, 4);
    write_log(fx, NULL);
    assert_int_equal(size_at(fx->log, "runs.0.results"), 4);
    assert_str_at(fx->log, "runs.0.results.0.baselineState", "new");
    assert_str_at(fx->log, "runs.0.results.1.baselineState", "unchanged");
    assert_str_at(fx->log, "runs.0.results.2.baselineState", "absent");
    assert_str_at(fx->log, "runs.0.results.3.baselineState", "absent");
    /* The registered rule of an absent result joins rules[]; an unknown one has no index. */
    assert_int_equal(size_at(fx->log, "runs.0.tool.driver.rules"), 2);
    assert_str_at(fx->log, "runs.0.tool.driver.rules.1.id", BF);
    assert_str_at(fx->log, "runs.0.tool.driver.rules.1.shortDescription.text", registered->summary);
    assert_num_at(fx->log, "runs.0.results.2.ruleIndex", 1);
    assert_str_at(fx->log, "runs.0.results.3.ruleId", "gone-rule");
    assert_absent(fx->log, "runs.0.results.3.ruleIndex");
    /* Absent: never suppressed, no fix, no line hash or snippet of what is there now. */
    assert_int_equal(size_at(fx->log, "runs.0.results.1.suppressions"), 1);
    assert_int_equal(size_at(fx->log, "runs.0.results.2.suppressions"), 0);
    assert_absent(fx->log, "runs.0.results.2.fixes");
    assert_str_at(fx->log, "runs.0.results.2.partialFingerprints.ecg/v1", "00112233aabbccdd");
    assert_absent(fx->log, "runs.0.results.2.partialFingerprints.primaryLocationLineHash");
    assert_absent(fx->log, "runs.0.results.2.locations.0.physicalLocation.region.snippet");
    assert_str_at(fx->log, "runs.0.results.2.level", "warning");
    /* GitHub would open absent results as alerts: they are left out, with their rules. */
    write_github(fx, 0);
    assert_int_equal(size_at(fx->log, "runs.0.results"), 1);
    assert_str_at(fx->log, "runs.0.results.0.baselineState", "new");
    assert_int_equal(size_at(fx->log, "runs.0.tool.driver.rules"), 1);
    fx->result.baseline_in_use = 0;
    ecg_findings_fini(&fx->result.absent);
    write_log(fx, NULL);
    assert_absent(fx->log, "runs.0.results.0.baselineState");
}

static void test_sarif_help_uri_base(void **state)
{
    struct fixture *fx = *state;
    struct sarif_options opts = {.help_uri_base = "https://docs.example.com/ecg/"};

    write_log_opts(fx, &opts);
    assert_str_at(fx->log, "runs.0.tool.driver.rules.0.helpUri",
                  "https://docs.example.com/ecg/" BF ".md");
    assert_str_at(fx->log, "runs.0.tool.driver.rules.1.helpUri",
                  "https://docs.example.com/ecg/style-plain.md");
    assert_non_null(strstr(at(fx->log, "runs.0.tool.driver.rules.0.help.text")->valuestring,
                           "See https://docs.example.com/ecg/" BF ".md"));
    opts.help_uri_base = "docs/rules/";
    write_log_opts(fx, &opts);
    assert_str_at(fx->log, "runs.0.tool.driver.rules.0.helpUri",
                  "https://github.com/ecg-tools/ecg/blob/main/docs/rules/" BF ".md");
}

static void test_sarif_help_uri_valid(void **state)
{
    static const char *const good[] = {
        "https://example.com/docs/", "http://x/", "file:///opt/ecg/docs/", "urn:ecg:",
        "https://example.com/a%20b/", "git+ssh.v2-x://host/p/", "HTTPS://EXAMPLE.COM/",
    };
    static const char *const bad[] = {
        "", "docs/", "/abs/path/", "https:", "1http://x/", "://x/", "https://exa mple.com/",
        "https://example.com/\xc3\xa9/", "https://x/%zz/", "https://x/%4", "https://x/<a>/",
        "C:\\docs\\", "https://x/\t/", "mailto", "https://x/\"/",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        if (!sarif_help_uri_valid(good[i]))
            fail_msg("'%s' should be valid", good[i]);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (sarif_help_uri_valid(bad[i]))
            fail_msg("'%s' should be invalid", bad[i]);
    }
    assert_false(sarif_help_uri_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sarif_header_driver_and_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_result_location_in_code_points, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_uris, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_related_flow_and_fix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_suppressions_all_or_none, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_gate_failing_warning_is_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_invocation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_timestamps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_deterministic_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_category_and_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_eio_on_write_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_line_hash_per_file_and_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_github_profile_drops_suppressed_and_fixes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_max_results_keeps_most_severe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_github_caps_locations_flows_tags, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_baseline_states_and_absent_results, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sarif_help_uri_base, setup, teardown),
        cmocka_unit_test(test_sarif_help_uri_valid),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
