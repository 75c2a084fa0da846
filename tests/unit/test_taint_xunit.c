/* Unit tests for cross-unit taint (analyzer/taint_xunit.h): sorted name lists, the link
 * (facts go to the units that use their names, never back to their own unit, the origin
 * that comes first wins whatever the order of units and rounds, the output is sorted), seed
 * comparison, the JSON form the cache keeps, and the engine's side: a unit exports what it passes
 * on, a unit analysed with the linked seeds reports a flow whose first steps lie in the other file,
 * and a struct passed by pointer keeps its fields apart across units. */
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
#include "analyzer/error.h"
#include "analyzer/filefilter.h"
#include "analyzer/fir.h"
#include "analyzer/taint.h"
#include "analyzer/taint_xunit.h"
#include "analyzer/taint_xunit_json.h"
#include "analyzer/walk.h"
#include "rules/rule.h"

/* --- plain data ------------------------------------------------------------------------ */

static struct ecg_xstep step_a = { "/src/a.c", 12, 5, 12, 20, "getenv() returns data" };
static struct ecg_xstep step_b = { "/src/b.c", 3, 1, 3, 9, "read() reads data" };

static struct ecg_xfact fact(uint8_t what, const char *name, uint32_t index, struct ecg_xstep *step)
{
    struct ecg_xfact f = {
        .what = what, .index = index, .name = (char *)name, .origin = { 1, step, 1 }, .field = ""
    };
    return f;
}

static void add_names(struct ecg_xnames *names, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        assert_int_equal(ecg_taint_xunit_name_add(names, list[i]), 0);
}

static void test_taint_xunit_names_sorted_once(void **state)
{
    static const char *const list[] = { "run", "main_loop", "run", "accept", "zeta", NULL };
    struct ecg_xiface x;

    (void)state;
    ecg_xiface_init(&x);
    add_names(&x.calls, list);
    assert_int_equal(x.calls.len, 4);
    assert_string_equal(x.calls.items[0], "accept");
    assert_string_equal(x.calls.items[3], "zeta");
    assert_true(ecg_taint_xunit_name_has(&x.calls, "run"));
    assert_false(ecg_taint_xunit_name_has(&x.calls, "ru"));
    ecg_xiface_fini(&x);
}

static void test_taint_xunit_fact_add_keeps_first_origin(void **state)
{
    struct ecg_xfacts facts = { NULL, 0, 0 };
    struct ecg_xfact f1 = fact(ECG_XF_ARG, "sink", 0, &step_b);
    struct ecg_xfact f2 = fact(ECG_XF_ARG, "sink", 0, &step_a);
    struct ecg_xfact f3 = fact(ECG_XF_ARG, "sink", 1, &step_b);
    struct ecg_xstep two[2] = { step_b, step_b };
    struct ecg_xfact longer = fact(ECG_XF_ARG, "sink", 1, &step_a);

    (void)state;
    longer.origin = (struct ecg_xorigin){ 1, two, 2 };
    assert_int_equal(ecg_taint_xunit_fact_add(&facts, &f1), 0);
    assert_int_equal(ecg_taint_xunit_fact_add(&facts, &f2), 0);
    assert_int_equal(ecg_taint_xunit_fact_add(&facts, &f3), 0);
    assert_int_equal(ecg_taint_xunit_fact_add(&facts, &longer), 0);
    assert_int_equal(facts.len, 2);
    /* a.c's step sorts before b.c's, though it came second */
    assert_string_equal(facts.items[0].origin.steps[0].path, "/src/a.c");
    /* a one-step flow is kept over a two-step one */
    assert_int_equal(facts.items[1].origin.n_steps, 1);
    assert_string_equal(facts.items[1].origin.steps[0].path, "/src/b.c");
    ecg_xfacts_fini(&facts);
}

static void test_taint_xunit_keep_only_grows_seeds(void **state)
{
    struct ecg_xfacts previous = { NULL, 0, 0 };
    struct ecg_xfacts seeds = { NULL, 0, 0 };
    struct ecg_xfact old_sink = fact(ECG_XF_ARG, "sink", 0, &step_b);
    struct ecg_xfact old_global = fact(ECG_XF_GLOBAL, "g", 0, &step_a);
    struct ecg_xfact new_sink = fact(ECG_XF_ARG, "sink", 0, &step_a);
    struct ecg_xfact new_run = fact(ECG_XF_ARG, "run", 1, &step_b);

    (void)state;
    assert_int_equal(ecg_taint_xunit_fact_add(&previous, &old_global), 0);
    assert_int_equal(ecg_taint_xunit_fact_add(&previous, &old_sink), 0);
    assert_int_equal(ecg_taint_xunit_fact_add(&seeds, &new_sink), 0);
    assert_int_equal(ecg_taint_xunit_fact_add(&seeds, &new_run), 0);
    assert_int_equal(ecg_taint_xunit_keep(&seeds, &previous), 0);
    /* the union, sorted by (what, name, index): run(1), sink(0), then the global */
    assert_int_equal(seeds.len, 3);
    assert_string_equal(seeds.items[0].name, "run");
    assert_string_equal(seeds.items[1].name, "sink");
    assert_string_equal(seeds.items[1].origin.steps[0].path,
                        "/src/a.c"); /* comes first, though new */
    assert_string_equal(seeds.items[2].name, "g");
    ecg_xfacts_fini(&seeds);
    ecg_xfacts_fini(&previous);
}

/* Three units: 0 calls sink() with source data and writes the global g; 1 defines sink()
 * and reads g; 2 also calls sink() with other data and defines get_line(), which returns
 * source data, called by 1. */
struct three {
    struct ecg_xiface x[3];
    const struct ecg_xiface *ifaces[3];
    struct ecg_xfacts seeds[3];
};

static void three_init(struct three *t)
{
    static const char *const defines1[] = { "sink", NULL };
    static const char *const reads1[] = { "g", NULL };
    static const char *const calls1[] = { "get_line", "puts", NULL };
    static const char *const calls02[] = { "sink", NULL };
    static const char *const defines2[] = { "get_line", NULL };
    struct ecg_xfact f;

    for (size_t i = 0; i < 3; i++) {
        ecg_xiface_init(&t->x[i]);
        t->ifaces[i] = &t->x[i];
    }
    add_names(&t->x[0].calls, calls02);
    add_names(&t->x[2].calls, calls02);
    add_names(&t->x[1].defines, defines1);
    add_names(&t->x[1].reads, reads1);
    add_names(&t->x[1].calls, calls1);
    add_names(&t->x[2].defines, defines2);
    f = fact(ECG_XF_ARG, "sink", 0, &step_a);
    assert_int_equal(ecg_taint_xunit_fact_add(&t->x[0].facts, &f), 0);
    f = fact(ECG_XF_GLOBAL, "g", 0, &step_a);
    assert_int_equal(ecg_taint_xunit_fact_add(&t->x[0].facts, &f), 0);
    f = fact(ECG_XF_ARG, "sink", 0, &step_b);
    assert_int_equal(ecg_taint_xunit_fact_add(&t->x[2].facts, &f), 0);
    f = fact(ECG_XF_RET, "get_line", 0, &step_b);
    assert_int_equal(ecg_taint_xunit_fact_add(&t->x[2].facts, &f), 0);
    assert_int_equal(ecg_taint_xunit_link(t->seeds, t->ifaces, 3), 0);
}

static void three_fini(struct three *t)
{
    for (size_t i = 0; i < 3; i++) {
        ecg_xiface_fini(&t->x[i]);
        ecg_xfacts_fini(&t->seeds[i]);
    }
}

static void test_taint_xunit_link_delivers_by_name(void **state)
{
    struct three t;
    const struct ecg_xfacts *s;

    (void)state;
    three_init(&t);
    assert_int_equal(t.seeds[0].len, 0);
    assert_int_equal(t.seeds[2].len, 0);
    s = &t.seeds[1];
    assert_int_equal(s->len, 3);
    /* sorted by kind: the argument, the result, the global */
    assert_int_equal(s->items[0].what, ECG_XF_ARG);
    assert_string_equal(s->items[0].name, "sink");
    assert_string_equal(s->items[0].origin.steps[0].path, "/src/a.c"); /* unit 0 first */
    assert_int_equal(s->items[1].what, ECG_XF_RET);
    assert_string_equal(s->items[1].name, "get_line");
    assert_int_equal(s->items[2].what, ECG_XF_GLOBAL);
    three_fini(&t);
}

static void test_taint_xunit_link_skips_own_unit(void **state)
{
    static const char *const names[] = { "sink", "g", NULL };
    struct ecg_xiface x;
    const struct ecg_xiface *ifaces[2] = { &x, NULL };
    struct ecg_xfacts seeds[2];
    struct ecg_xfact f = fact(ECG_XF_GLOBAL, "g", 0, &step_a);

    (void)state;
    ecg_xiface_init(&x);
    add_names(&x.reads, names);
    add_names(&x.defines, names);
    assert_int_equal(ecg_taint_xunit_fact_add(&x.facts, &f), 0);
    f = fact(ECG_XF_ARG, "sink", 0, &step_a);
    assert_int_equal(ecg_taint_xunit_fact_add(&x.facts, &f), 0);
    assert_int_equal(ecg_taint_xunit_link(seeds, ifaces, 2), 0);
    assert_int_equal(seeds[0].len, 0);
    assert_int_equal(seeds[1].len, 0);
    ecg_xiface_fini(&x);
}

static void test_taint_xunit_link_is_order_independent(void **state)
{
    struct three t;
    const struct ecg_xiface *swapped[3];
    struct ecg_xfacts seeds[3];

    (void)state;
    three_init(&t);
    swapped[0] = t.ifaces[2];
    swapped[1] = t.ifaces[1];
    swapped[2] = t.ifaces[0];
    assert_int_equal(ecg_taint_xunit_link(seeds, swapped, 3), 0);
    /* the same seeds reach unit 1, origins included, whatever the unit order */
    assert_int_equal(seeds[1].len, 3);
    assert_string_equal(seeds[1].items[0].origin.steps[0].path, "/src/a.c");
    assert_true(ecg_taint_xunit_same(&seeds[1], &t.seeds[1]));
    for (size_t i = 0; i < 3; i++)
        ecg_xfacts_fini(&seeds[i]);
    three_fini(&t);
}

static void test_taint_xunit_same_compares_origins(void **state)
{
    struct three t, u;

    (void)state;
    three_init(&t);
    three_init(&u);
    assert_true(ecg_taint_xunit_same(&t.seeds[1], &u.seeds[1]));
    u.seeds[1].items[0].origin.steps[0].line++;
    assert_false(ecg_taint_xunit_same(&t.seeds[1], &u.seeds[1]));
    assert_false(ecg_taint_xunit_same(&t.seeds[1], &t.seeds[0]));
    three_fini(&t);
    three_fini(&u);
}

static void test_taint_xunit_json_round_trip(void **state)
{
    struct three t;
    struct ecg_xiface back;
    struct ecg_xfacts seeds;
    cJSON *json;

    (void)state;
    three_init(&t);
    json = ecg_taint_xunit_json_iface(&t.x[1]);
    assert_non_null(json);
    assert_int_equal(ecg_taint_xunit_json_read_iface(&back, json), 0);
    assert_int_equal(back.defines.len, 1);
    assert_int_equal(back.calls.len, 2);
    assert_int_equal(back.reads.len, 1);
    cJSON_Delete(json);
    ecg_xiface_fini(&back);
    json = ecg_taint_xunit_json_facts(&t.seeds[1]);
    assert_non_null(json);
    assert_int_equal(ecg_taint_xunit_json_read_facts(&seeds, json), 0);
    assert_true(ecg_taint_xunit_same(&seeds, &t.seeds[1]));
    assert_int_equal(seeds.items[0].origin.steps[0].end_col, 20);
    ecg_xfacts_fini(&seeds);
    cJSON_Delete(json);
    three_fini(&t);
}

static void test_taint_xunit_json_rejects_malformed(void **state)
{
    static const char *const bad[] = {
        "{}",
        "[1]",
        "{\"d\":[1],\"c\":[],\"r\":[],\"f\":[]}",
        "{\"d\":[],\"c\":[],\"r\":[],\"f\":[[0,0,0,\"x\",1,[[\"p\",1]],\"\"]]}",
        "{\"d\":[],\"c\":[],\"r\":[],\"f\":[[9,0,0,\"x\",1,[],\"\"]]}",
        "{\"d\":[],\"c\":[],\"r\":[],\"f\":[[0,0,0,\"x\",1,[]]]}",
    };
    struct ecg_xiface x;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        cJSON *json = cJSON_Parse(bad[i]);
        assert_non_null(json);
        assert_int_equal(ecg_taint_xunit_json_read_iface(&x, json), ECG_EPARSE);
        assert_int_equal(x.facts.len, 0);
        cJSON_Delete(json);
    }
}

/* --- the engine -------------------------------------------------------------------------- */

static const struct rule_desc flow_rule = {
    .id = "test-flow",
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_COMMAND) | ECG_TAINT_MASK(ECG_TAINT_INDEX),
};

struct unit {
    CXIndex index;
    CXTranslationUnit tu;
    struct ecg_filefilter filter;
    struct ecg_findings findings;
    struct ecg_walk walk;
    struct ecg_taint *t;
};

static const char *filter_path(void *arg, CXFile file)
{
    return ecg_filefilter_path(arg, file);
}

/* Analyses source as the file path with seeds (or NULL). */
static void unit_run(struct unit *u, const char *path, const char *source,
                     const struct ecg_xfacts *seeds)
{
    const char *argv[] = { "clang", "-resource-dir", ECG_DEFAULT_RESOURCE_DIR, "-std=gnu11", "-w" };
    struct CXUnsavedFile unsaved = { path, source, (unsigned long)strlen(source) };
    const struct rule_desc *rules[] = { &flow_rule };
    struct ecg_taint_inputs in;

    memset(u, 0, sizeof(*u));
    u->index = clang_createIndex(0, 0);
    assert_int_equal(
        clang_parseTranslationUnit2FullArgv(u->index, path, argv, 5, &unsaved, 1, 0, &u->tu),
        CXError_Success);
    ecg_findings_init(&u->findings);
    ecg_filefilter_init(&u->filter, clang_getFile(u->tu, path), "/virtual", NULL);
    assert_int_equal(ecg_walk_init(&u->walk, &(struct ecg_walk_inputs){ u->tu, NULL, &u->filter,
                                                                        &u->findings, rules, 1 }),
                     0);
    assert_int_equal(ecg_walk_run(&u->walk), 0);
    in = (struct ecg_taint_inputs){ u->tu, u->walk.fir, NULL, flow_rule.needs_flow };
    assert_int_equal(ecg_taint_new_seeded(&u->t, &in, seeds), 0);
}

static void unit_done(struct unit *u)
{
    ecg_taint_free(u->t);
    ecg_walk_fini(&u->walk);
    ecg_filefilter_fini(&u->filter);
    ecg_findings_fini(&u->findings);
    clang_disposeTranslationUnit(u->tu);
    clang_disposeIndex(u->index);
}

static const char source_a[] = "char *getenv(const char *);\n"
                               "void relay(const char *cmd);\n"
                               "char *read_cmd(void);\n"
                               "int main(void)\n"
                               "{\n"
                               "    const char *cmd = getenv(\"CMD\");\n"
                               "    relay(cmd);\n"
                               "    return 0;\n"
                               "}\n"
                               "char *read_cmd(void) { return getenv(\"OTHER\"); }\n";

static const char source_b[] = "int system(const char *);\n"
                               "char *read_cmd(void);\n"
                               "void relay(const char *cmd)\n"
                               "{\n"
                               "    system(cmd);\n"
                               "}\n"
                               "void poll_cmd(void)\n"
                               "{\n"
                               "    char *c = read_cmd();\n"
                               "    system(c);\n"
                               "}\n";

static void export_of(struct ecg_xiface *x, struct unit *u)
{
    ecg_xiface_init(x);
    assert_int_equal(ecg_taint_export(x, u->t, filter_path, &u->filter), 0);
}

static void test_taint_xunit_engine_exports_interface(void **state)
{
    struct unit a;
    struct ecg_xiface x;

    (void)state;
    unit_run(&a, "/virtual/a.c", source_a, NULL);
    export_of(&x, &a);
    assert_true(ecg_taint_xunit_name_has(&x.defines, "read_cmd"));
    assert_false(ecg_taint_xunit_name_has(&x.defines, "main"));
    assert_true(ecg_taint_xunit_name_has(&x.calls, "relay"));
    assert_false(ecg_taint_xunit_name_has(&x.calls, "getenv")); /* a library source */
    assert_int_equal(x.facts.len, 2);
    assert_int_equal(x.facts.items[0].what, ECG_XF_RET);
    assert_string_equal(x.facts.items[0].name, "read_cmd");
    assert_int_equal(x.facts.items[1].what, ECG_XF_ARG);
    assert_string_equal(x.facts.items[1].name, "relay");
    assert_int_equal(x.facts.items[1].origin.kind, ECG_TAINT_FROM_ENV);
    assert_string_equal(x.facts.items[1].origin.steps[0].path, "/virtual/a.c");
    assert_int_equal(x.facts.items[1].origin.steps[0].line, 6);
    ecg_xiface_fini(&x);
    unit_done(&a);
}

/* Data another unit returned reaches relay() first; this unit's own data reaches it later. */
static const char source_c[] = "char *getenv(const char *);\n"
                               "char *fetch(void);\n"
                               "void relay(const char *cmd);\n"
                               "void first(void) { relay(fetch()); }\n"
                               "void second(void) { relay(getenv(\"CMD\")); }\n";

/* Data that came from another unit is never handed back, but it must not hide the unit's own
 * data at the same argument: the export with seeds still holds it (exports only grow with
 * seeds, so a cached run replays the rounds of a cold one). */
static void test_taint_xunit_engine_seeds_do_not_hide_own_data(void **state)
{
    struct ecg_xfacts seeds = { NULL, 0, 0 };
    struct ecg_xfact returned = fact(ECG_XF_RET, "fetch", 0, &step_b);
    struct unit c;
    struct ecg_xiface x;

    (void)state;
    assert_int_equal(ecg_taint_xunit_fact_add(&seeds, &returned), 0);
    unit_run(&c, "/virtual/c.c", source_c, &seeds);
    export_of(&x, &c);
    assert_int_equal(x.facts.len, 1);
    assert_int_equal(x.facts.items[0].what, ECG_XF_ARG);
    assert_string_equal(x.facts.items[0].name, "relay");
    assert_int_equal(x.facts.items[0].origin.kind, ECG_TAINT_FROM_ENV);
    assert_int_equal(x.facts.items[0].origin.steps[0].line, 5);
    ecg_xiface_fini(&x);
    unit_done(&c);
    ecg_xfacts_fini(&seeds);
}

static void test_taint_xunit_engine_seeded_flow_starts_elsewhere(void **state)
{
    struct unit a, b;
    struct ecg_xiface xa, xb;
    const struct ecg_xiface *ifaces[2] = { &xa, &xb };
    struct ecg_xfacts seeds[2];
    const struct ecg_taint_flows *flows;

    (void)state;
    unit_run(&a, "/virtual/a.c", source_a, NULL);
    unit_run(&b, "/virtual/b.c", source_b, NULL);
    export_of(&xa, &a);
    export_of(&xb, &b);
    assert_int_equal(ecg_taint_flows(b.t)->len, 0);
    assert_int_equal(ecg_taint_xunit_link(seeds, ifaces, 2), 0);
    assert_int_equal(seeds[0].len, 0);
    assert_int_equal(seeds[1].len, 2);
    unit_done(&b);
    unit_run(&b, "/virtual/b.c", source_b, &seeds[1]);
    flows = ecg_taint_flows(b.t);
    assert_int_equal(flows->len, 2);
    for (size_t i = 0; i < flows->len; i++) {
        const struct ecg_taint_flow *f = &flows->items[i];
        assert_int_equal(f->source, ECG_TAINT_FROM_ENV);
        assert_non_null(f->steps[0].path);
        assert_string_equal(f->steps[0].path, "/virtual/a.c");
        assert_true(clang_Range_isNull(f->steps[0].range));
        assert_null(f->steps[f->n_steps - 1].path);
    }
    /* one flow enters through relay()'s parameter, the other through read_cmd()'s result */
    assert_string_equal(flows->items[1].steps[flows->items[1].n_steps - 2].text,
                        "passed to 'relay' as argument 1");
    assert_non_null(flows->items[1].steps[flows->items[1].n_steps - 2].path);
    assert_string_equal(flows->items[0].steps[flows->items[0].n_steps - 3].text,
                        "returned by 'read_cmd' in another file");
    for (size_t i = 0; i < 2; i++)
        ecg_xfacts_fini(&seeds[i]);
    ecg_xiface_fini(&xa);
    ecg_xiface_fini(&xb);
    unit_done(&a);
    unit_done(&b);
}

static const char source_req_a[] = "char *getenv(const char *);\n"
                                   "struct req { char *name; int id; };\n"
                                   "void handle(struct req *r);\n"
                                   "int main(void)\n"
                                   "{\n"
                                   "    struct req r;\n"
                                   "    r.name = getenv(\"NAME\");\n"
                                   "    r.id = 1;\n"
                                   "    handle(&r);\n"
                                   "    return 0;\n"
                                   "}\n";

static const char source_req_b[] = "int system(const char *);\n"
                                   "struct req { char *name; int id; };\n"
                                   "static char slots[4];\n"
                                   "void handle(struct req *r)\n"
                                   "{\n"
                                   "    slots[r->id] = 1;\n"
                                   "    system(r->name);\n"
                                   "}\n";

/* A struct passed by pointer keeps its fields apart across units: the tainted name reaches
 * system(), the constant id used as an index does not make a flow. */
static void test_taint_xunit_engine_fields_stay_apart(void **state)
{
    struct unit a, b;
    struct ecg_xiface xa, xb;
    const struct ecg_xiface *ifaces[2] = { &xa, &xb };
    struct ecg_xfacts seeds[2];
    const struct ecg_taint_flows *flows;

    (void)state;
    unit_run(&a, "/virtual/a.c", source_req_a, NULL);
    unit_run(&b, "/virtual/b.c", source_req_b, NULL);
    export_of(&xa, &a);
    export_of(&xb, &b);
    assert_int_equal(ecg_taint_xunit_link(seeds, ifaces, 2), 0);
    assert_int_equal(seeds[1].len, 1);
    assert_string_equal(seeds[1].items[0].field, "req.name");
    unit_done(&b);
    unit_run(&b, "/virtual/b.c", source_req_b, &seeds[1]);
    flows = ecg_taint_flows(b.t);
    assert_int_equal(flows->len, 1);
    assert_int_equal(flows->items[0].category, ECG_TAINT_COMMAND);
    for (size_t i = 0; i < 2; i++)
        ecg_xfacts_fini(&seeds[i]);
    ecg_xiface_fini(&xa);
    ecg_xiface_fini(&xb);
    unit_done(&a);
    unit_done(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taint_xunit_names_sorted_once),
        cmocka_unit_test(test_taint_xunit_fact_add_keeps_first_origin),
        cmocka_unit_test(test_taint_xunit_keep_only_grows_seeds),
        cmocka_unit_test(test_taint_xunit_link_delivers_by_name),
        cmocka_unit_test(test_taint_xunit_link_skips_own_unit),
        cmocka_unit_test(test_taint_xunit_link_is_order_independent),
        cmocka_unit_test(test_taint_xunit_same_compares_origins),
        cmocka_unit_test(test_taint_xunit_json_round_trip),
        cmocka_unit_test(test_taint_xunit_json_rejects_malformed),
        cmocka_unit_test(test_taint_xunit_engine_exports_interface),
        cmocka_unit_test(test_taint_xunit_engine_seeds_do_not_hide_own_data),
        cmocka_unit_test(test_taint_xunit_engine_seeded_flow_starts_elsewhere),
        cmocka_unit_test(test_taint_xunit_engine_fields_stay_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
