/* Fixture shared by the SARIF writer's unit tests (test_sarif.c, test_sarif_limits.c): a
 * result rooted in a scratch directory that enables two test rules, and its log written into
 * memory and parsed back after each write. Setup and teardown return -1 on failure; the other
 * helpers fail the test. */
#ifndef ECG_TESTS_SUPPORT_SARIF_FIXTURE_H
#define ECG_TESTS_SUPPORT_SARIF_FIXTURE_H

#include <stddef.h>

#include "analyzer/finding.h"
#include "analyzer/result.h"

struct cJSON;
struct rule_desc;
struct sarif_options;

/* The id of sarif_fixture_rule_banned, as a literal so that tests can paste it into URIs. */
#define SARIF_FIXTURE_BANNED_ID "security-banned-function"

/* A rule with every optional field set: title, description, tags (with a blank and a repeat),
 * precision, security severity and two CWEs; level warning. */
extern const struct rule_desc sarif_fixture_rule_banned;

/* A rule with only an id, a summary and level note. */
extern const struct rule_desc sarif_fixture_rule_plain;

struct sarif_fixture {
    char dir[4096];           /* scratch directory, the result's root; removed by teardown */
    struct ecg_result result; /* rules: {banned, plain}, an array of 2 a test may refill */
    char *out;                /* last log written, NUL-terminated; owned */
    size_t size;              /* bytes in out */
    struct cJSON *log;        /* out, parsed; owned */
};

/* cmocka setup: allocates a fixture into *state with an empty result of one unit, no
 * timestamps and the two rules above. Returns 0, or -1 when the scratch directory or memory
 * cannot be had (nothing is left behind then). */
int sarif_fixture_setup(void **state);

/* cmocka teardown: releases the fixture in *state and removes its directory. Returns 0. */
int sarif_fixture_teardown(void **state);

/* Appends to fx->result a finding of rule_id (borrowed) at a copy of r with a copy of message,
 * and returns it (valid until the next finding is added). */
struct ecg_finding *sarif_fixture_add_finding(struct sarif_fixture *fx, const char *rule_id,
                                              enum ecg_level level, struct ecg_range r,
                                              const char *message);

/* Writes the log of fx->result with opts (NULL for the defaults) into fx->out, replacing the
 * last one, and parses it into fx->log; fails the test unless sarif_write returns 0 and the
 * output parses. */
void sarif_fixture_write_log_opts(struct sarif_fixture *fx, const struct sarif_options *opts);

/* Writes the log of the full profile with the given category (NULL for none). */
void sarif_fixture_write_log(struct sarif_fixture *fx, const char *category);

/* Writes the log of the github profile with at most max_results results (0 for GitHub's
 * own limit). */
void sarif_fixture_write_github(struct sarif_fixture *fx, size_t max_results);

#endif
