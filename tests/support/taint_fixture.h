/* Helpers shared by the taint engine's unit tests: C source analysed after a prelude that
 * declares the C library's sources and sinks, with an optional "taint" configuration, and
 * lookups and assertions on the flows found. Each fails the test rather than returning an
 * error. */
#ifndef ECG_TESTS_SUPPORT_TAINT_FIXTURE_H
#define ECG_TESTS_SUPPORT_TAINT_FIXTURE_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/filefilter.h"
#include "analyzer/fir.h"
#include "analyzer/taint.h"
#include "analyzer/walk.h"

struct cJSON;

#define TAINT_FIXTURE_ALL_CATEGORIES ((1u << ECG_TAINT_CATEGORIES) - 1)

/* One analysed source; every member is owned until taint_fixture_done. */
struct taint_fixture {
    CXIndex index;
    CXTranslationUnit tu;
    struct ecg_filefilter filter;
    struct ecg_findings findings;
    struct ecg_walk walk;
    struct cJSON *config;
    struct ecg_taint *t;
    const struct ecg_taint_flows *flows;
};

/* Analyses the prelude + source with the "taint" configuration config (JSON text or NULL),
 * asking for the flows of categories (a mask of ECG_TAINT_MASK bits). */
void taint_fixture_run_with(struct taint_fixture *r, const char *source, const char *config,
                            unsigned categories);

/* taint_fixture_run_with with no configuration and every category. */
void taint_fixture_run(struct taint_fixture *r, const char *source);

/* Releases what a run holds. */
void taint_fixture_done(struct taint_fixture *r);

/* The first flow of category into a call of sink (or any sink when sink is ""); borrowed
 * from r, NULL when none. */
const struct ecg_taint_flow *taint_fixture_flow_to(const struct taint_fixture *r,
                                                   enum ecg_taint_category category,
                                                   const char *sink);

/* How many flows of category r found. */
size_t taint_fixture_count(const struct taint_fixture *r, enum ecg_taint_category category);

/* Fails unless some step of f says text (printing the steps it has). */
void taint_fixture_assert_step(const struct ecg_taint_flow *f, const char *text);

/* The line a sink is on, counted from the end of the prelude. */
unsigned taint_fixture_sink_line(const struct ecg_taint_flow *f);

#endif
