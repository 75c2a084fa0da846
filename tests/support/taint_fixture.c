/* The taint engine tests' fixture (see taint_fixture.h): a C library prelude, source parsed
 * as a virtual file, walked with a rule that asks for every category of flow, and the
 * engine run over it. */
#include "tests/support/taint_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "rules/rule.h"

static const struct rule_desc flow_rule = {
    .id = "test-flow",
    .needs_flow = TAINT_FIXTURE_ALL_CATEGORIES,
};

static const char prelude[] =
    "typedef unsigned long size_t;\n"
    "typedef struct FILE FILE; extern FILE *stdin;\n"
    "char *getenv(const char *); int system(const char *); FILE *popen(const char *, const char "
    "*);\n"
    "char *fgets(char *, int, FILE *); int getchar(void); int atoi(const char *);\n"
    "long recv(int, void *, size_t, int); int fscanf(FILE *, const char *, ...);\n"
    "char *strcpy(char *, const char *); char *strcat(char *, const char *);\n"
    "int snprintf(char *, size_t, const char *, ...); void *memcpy(void *, const void *, size_t);\n"
    "int strcmp(const char *, const char *); size_t strlen(const char *);\n"
    "int execl(const char *, const char *, ...); int printf(const char *, ...);\n"
    "void *malloc(size_t); char *strdup(const char *);\n"
    "void exit(int) __attribute__((noreturn));\n";

/* Analyses prelude + source with the "taint" configuration config (JSON text or NULL). */
void taint_fixture_run_with(struct taint_fixture *r, const char *source, const char *config,
                            unsigned categories)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=gnu11", "-w" };
    size_t len = strlen(prelude) + strlen(source) + 1;
    char *text = malloc(len);
    struct CXUnsavedFile unsaved;
    const struct rule_desc *rules[] = { &flow_rule };
    struct ecg_taint_inputs in;

    assert_non_null(text);
    snprintf(text, len, "%s%s", prelude, source);
    unsaved = (struct CXUnsavedFile){ "/virtual/t.c", text, (unsigned long)strlen(text) };
    memset(r, 0, sizeof(*r));
    r->index = clang_createIndex(0, 0);
    assert_int_equal(clang_parseTranslationUnit2FullArgv(r->index, "/virtual/t.c", argv, 5,
                                                         &unsaved, 1, 0, &r->tu),
                     CXError_Success);
    free(text);
    ecg_findings_init(&r->findings);
    ecg_filefilter_init(&r->filter, clang_getFile(r->tu, "/virtual/t.c"), "/virtual", NULL);
    assert_int_equal(ecg_walk_init(&r->walk, &(struct ecg_walk_inputs){ r->tu, NULL, &r->filter,
                                                                        &r->findings, rules, 1 }),
                     0);
    assert_int_equal(ecg_walk_run(&r->walk), 0);
    if (config != NULL) {
        r->config = cJSON_Parse(config);
        assert_non_null(r->config);
    }
    in = (struct ecg_taint_inputs){ r->tu, r->walk.fir, r->config, categories };
    assert_int_equal(ecg_taint_new(&r->t, &in), 0);
    r->flows = ecg_taint_flows(r->t);
}

void taint_fixture_run(struct taint_fixture *r, const char *source)
{
    taint_fixture_run_with(r, source, NULL, TAINT_FIXTURE_ALL_CATEGORIES);
}

void taint_fixture_done(struct taint_fixture *r)
{
    ecg_taint_free(r->t);
    cJSON_Delete(r->config);
    ecg_walk_fini(&r->walk);
    ecg_filefilter_fini(&r->filter);
    ecg_findings_fini(&r->findings);
    clang_disposeTranslationUnit(r->tu);
    clang_disposeIndex(r->index);
}

/* The first flow of category into a call of sink (or any sink when sink is ""). */
const struct ecg_taint_flow *taint_fixture_flow_to(const struct taint_fixture *r,
                                                   enum ecg_taint_category category,
                                                   const char *sink)
{
    for (size_t i = 0; i < r->flows->len; i++) {
        const struct ecg_taint_flow *f = &r->flows->items[i];
        if (f->category == category && (sink[0] == '\0' || strcmp(f->sink_name, sink) == 0))
            return f;
    }
    return NULL;
}

size_t taint_fixture_count(const struct taint_fixture *r, enum ecg_taint_category category)
{
    size_t n = 0;

    for (size_t i = 0; i < r->flows->len; i++)
        n += r->flows->items[i].category == category;
    return n;
}

/* Fails unless some step of f says text. */
void taint_fixture_assert_step(const struct ecg_taint_flow *f, const char *text)
{
    for (size_t i = 0; f != NULL && i < f->n_steps; i++) {
        if (strstr(f->steps[i].text, text) != NULL)
            return;
    }
    for (size_t i = 0; f != NULL && i < f->n_steps; i++)
        fprintf(stderr, "  step %zu: %s\n", i + 1, f->steps[i].text);
    fail_msg("no step says '%s'", text);
}

static unsigned line_of(CXCursor c)
{
    unsigned line;

    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
    return line;
}

/* The line a sink is on, counted from the end of the prelude. */
unsigned taint_fixture_sink_line(const struct ecg_taint_flow *f)
{
    unsigned prelude_lines = 0;

    for (const char *p = prelude; *p != '\0'; p++)
        prelude_lines += *p == '\n';
    return line_of(f->sink) - prelude_lines;
}
