/* Unit tests for pointer states across units (rules/support/xvalue.c and the facts' place in
 * analyzer/taint_xunit.c): which reads sit at the unit's edge, the shapes of arguments, the
 * stores into aggregates, the callee a call leaves the unit for, how pointer-state facts
 * sort after taint facts and survive the JSON form the cache keeps, and the conditions of
 * wants (bounds, relays) under which the link delivers a fact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/taint_xunit_json.h"
#include "rules/support/xvalue.h"
#include "tests/support/testkit.h"

#define MAX_SEEN 32

struct seen {
    CXCursor fn;
    char places[MAX_SEEN][300]; /* per argument of k(): "what name index pointee field" or "-" */
    size_t n_places;
    int shapes[MAX_SEEN]; /* per first argument of ext(): enum rule_xarg_shape */
    char callees[MAX_SEEN][64];
    size_t n_shapes;
    char stores[MAX_SEEN][64]; /* "field<-rhs kind" per store into the local 'arr' or 's' */
    size_t n_stores;
};

static void describe(char *buf, size_t size, CXCursor fn, CXCursor expr)
{
    struct rule_xplace p;

    if (!rule_xvalue_place_of(&p, fn, expr)) {
        snprintf(buf, size, "-");
        return;
    }
    snprintf(buf, size, "%u %s %u %u %s", (unsigned)p.what, p.name, (unsigned)p.index,
             (unsigned)p.pointee, p.field);
}

static void record_store(void *arg, const char *field, CXCursor assignment, CXCursor rhs)
{
    struct seen *s = arg;

    (void)assignment;
    if (s->n_stores < MAX_SEEN)
        snprintf(s->stores[s->n_stores++], sizeof(s->stores[0]), "%s<-%d", field,
                 (int)clang_getCursorKind(rhs));
}

static void on_call(struct seen *s, CXCursor c, const char *name)
{
    CXCursor var;

    if (strcmp(name, "k") == 0 && s->n_places < MAX_SEEN)
        describe(s->places[s->n_places++], sizeof(s->places[0]), s->fn,
                 clang_Cursor_getArgument(c, 0));
    if (strcmp(name, "k") != 0 && s->n_shapes < MAX_SEEN && clang_Cursor_getNumArguments(c) > 0) {
        s->shapes[s->n_shapes] = rule_xvalue_arg_shape(&var, clang_Cursor_getArgument(c, 0));
        if (rule_xvalue_external_callee(c, s->callees[s->n_shapes], sizeof(s->callees[0])) == NULL)
            snprintf(s->callees[s->n_shapes], sizeof(s->callees[0]), "-");
        if (s->shapes[s->n_shapes] == RULE_XARG_AGGREGATE)
            rule_xvalue_stores_into(s->fn, var, record_store, s);
        s->n_shapes++;
    }
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c))
        s->fn = c;
    if (kind == CXCursor_CallExpr) {
        CXString name = clang_getCursorSpelling(c);
        on_call(s, c, clang_getCString(name));
        clang_disposeString(name);
    }
    return CXChildVisit_Recurse;
}

static void scan(const char *source, struct seen *out)
{
    memset(out, 0, sizeof(*out));
    testkit_visit_source(source, visit, out);
}

static const char edge_reads[] =
    "struct pair { char *first; char *second; };\n"
    "void k(const void *x);\n"
    "char *shared;\n"
    "static char *mine;\n"
    "char *elsewhere(void);\n"
    "static char *here(void) { return 0; }\n"
    "void sink(char *p, char **pp, struct pair v, struct pair *ps, void *opaque) {\n"
    "  char *local = p;\n"
    "  char **cast = (char **)opaque;\n"
    "  k(p); k(*pp); k(pp[2]); k(v.first); k(ps->second); k(shared); k(mine);\n"
    "  k(elsewhere()); k(here()); k(local); k(*cast); k((char *)p);\n"
    "}\n"
    "static void inner(char *q) { k(q); }\n";

static void test_xvalue_places_at_the_edge(void **state)
{
    struct seen s;

    (void)state;
    scan(edge_reads, &s);
    assert_int_equal(s.n_places, 13);
    assert_string_equal(s.places[0], "0 sink 0 0 ");       /* a parameter */
    assert_string_equal(s.places[1], "0 sink 1 1 ");       /* what it points to */
    assert_string_equal(s.places[2], "0 sink 1 1 ");       /* an element of it */
    assert_string_equal(s.places[3], "0 sink 2 0 first");  /* a by-value struct's member */
    assert_string_equal(s.places[4], "0 sink 3 1 second"); /* a member through a pointer */
    assert_string_equal(s.places[5], "3 shared 0 0 ");     /* an external global */
    assert_string_equal(s.places[6], "-");                 /* a static global stays here */
    assert_string_equal(s.places[7], "1 elsewhere 0 0 ");  /* another unit's result */
    assert_string_equal(s.places[8], "-");                 /* this unit's function */
    assert_string_equal(s.places[9], "-");                 /* a local: the rule follows it */
    assert_string_equal(s.places[10], "0 sink 4 1 ");      /* through a cast copy */
    assert_string_equal(s.places[11], "0 sink 0 0 ");      /* casts looked through */
    assert_string_equal(s.places[12], "-");                /* a static function's parameter */
}

static const char arg_shapes[] =
    "struct pair { char *first; char *second; };\n"
    "void ext(const void *x);\n"
    "static void mine(const void *x) { (void)x; }\n"
    "void ext_pair(struct pair p);\n"
    "void caller(char *data) {\n"
    "  char *arr[4];\n"
    "  struct pair s;\n"
    "  void (*fp)(const void *) = ext;\n"
    "  int n = 0;\n"
    "  arr[2] = data;\n"
    "  s.first = data;\n"
    "  s.second = 0;\n"
    "  ext(data); ext(&data); ext((void *)&data); ext(arr); ext_pair(s); mine(data);\n"
    "  fp(data); ext(&n); ext(data + 1);\n"
    "}\n";

static void test_xvalue_argument_shapes(void **state)
{
    struct seen s;

    (void)state;
    scan(arg_shapes, &s);
    assert_int_equal(s.n_shapes, 9);
    assert_int_equal(s.shapes[0], RULE_XARG_VALUE);
    assert_int_equal(s.shapes[1], RULE_XARG_ADDRESS);
    assert_int_equal(s.shapes[2], RULE_XARG_ADDRESS);
    assert_int_equal(s.shapes[3], RULE_XARG_AGGREGATE);
    assert_int_equal(s.shapes[4], RULE_XARG_AGGREGATE);
    assert_string_equal(s.callees[0], "ext");
    assert_string_equal(s.callees[4], "ext_pair");
    assert_string_equal(s.callees[5], "-");           /* defined in this unit */
    assert_string_equal(s.callees[6], "ext");         /* through the local function pointer */
    assert_int_equal(s.shapes[7], RULE_XARG_ADDRESS); /* &n: the rule decides what it knows */
    assert_int_equal(s.shapes[8], RULE_XARG_OTHER);
    /* the stores into arr (one element) and into s (two members), in source order */
    assert_int_equal(s.n_stores, 3);
    assert_true(strncmp(s.stores[0], "<-", 2) == 0);
    assert_true(strncmp(s.stores[1], "first<-", 7) == 0);
    assert_true(strncmp(s.stores[2], "second<-", 8) == 0);
}

static void add_fact(struct ecg_xiface *x, uint8_t value, const char *name, int64_t size)
{
    struct ecg_xstep step = { "/src/a.c", 3, 5, 3, 9, "'data' is set to NULL" };
    struct ecg_xfact f = { .what = ECG_XF_ARG,
                           .value = value,
                           .name = (char *)name,
                           .origin = { 0, &step, 1 },
                           .field = "",
                           .size = size };

    assert_int_equal(ecg_taint_xunit_fact_add(&x->facts, &f), 0);
}

static void want(struct ecg_xiface *x, uint8_t value, const char *name)
{
    struct ecg_xfact question = {
        .what = ECG_XF_ARG, .value = value, .name = (char *)name, .field = ""
    };
    char key[600];

    ecg_taint_xunit_want_key(key, sizeof(key), &question);
    assert_int_equal(ecg_taint_xunit_name_add(&x->wants, key), 0);
}

static void fill_ifaces(struct ecg_xiface x[2])
{
    ecg_xiface_init(&x[0]);
    ecg_xiface_init(&x[1]);
    add_fact(&x[0], ECG_XV_BUFFER, "sink", 50);
    add_fact(&x[0], ECG_XV_BUFFER, "sink", 100); /* a larger buffer: the 50 bytes stay */
    add_fact(&x[0], ECG_XV_TAINT, "sink", 0);
    add_fact(&x[0], ECG_XV_NULL, "sink", 0);
    add_fact(&x[0], ECG_XV_NULL, "sink", 0); /* the same key once */
    add_fact(&x[0], ECG_XV_STRING, "sink", 9);
    add_fact(&x[0], ECG_XV_STRING, "sink", 5);  /* a shorter string: the 9 characters stay */
    add_fact(&x[0], ECG_XV_BUFFER, "sink", 30); /* a smaller buffer replaces the 50 bytes */
    assert_int_equal(x[0].facts.len, 4);
    assert_int_equal(x[0].facts.items[0].size, 30);
    assert_int_equal(x[0].facts.items[3].size, 9);
    assert_int_equal(ecg_taint_xunit_name_add(&x[1].defines, "sink"), 0);
}

static void fini_all(struct ecg_xiface x[2], struct ecg_xfacts seeds[2])
{
    for (size_t i = 0; i < 2; i++) {
        ecg_xfacts_fini(&seeds[i]);
        ecg_xiface_fini(&x[i]);
    }
}

static void test_xvalue_facts_reach_units_that_ask_after_taint(void **state)
{
    struct ecg_xiface x[2];
    const struct ecg_xiface *ifaces[2] = { &x[0], &x[1] };
    struct ecg_xfacts seeds[2];

    (void)state;
    fill_ifaces(x);
    /* pointer states reach only a unit that asked about them; taint needs no asking */
    assert_int_equal(ecg_taint_xunit_link(seeds, ifaces, 2), 0);
    assert_int_equal(seeds[1].len, 1);
    assert_int_equal(seeds[1].items[0].value, ECG_XV_TAINT);
    ecg_xfacts_fini(&seeds[0]);
    ecg_xfacts_fini(&seeds[1]);
    want(&x[1], ECG_XV_NULL, "sink");
    want(&x[1], ECG_XV_BUFFER, "sink");
    want(&x[1], ECG_XV_FREED, "other");
    assert_int_equal(ecg_taint_xunit_link(seeds, ifaces, 2), 0);
    assert_int_equal(seeds[1].len, 3); /* the string was not asked about */
    assert_int_equal(ecg_taint_xunit_taint_count(&seeds[1]), 1);
    assert_int_equal(seeds[1].items[1].value, ECG_XV_NULL);
    assert_int_equal(seeds[1].items[2].value, ECG_XV_BUFFER);
    assert_int_equal(seeds[1].items[2].size, 30);
    fini_all(x, seeds);
}

static void test_xvalue_facts_and_wants_round_trip(void **state)
{
    struct ecg_xiface x[2], back;
    struct ecg_xfacts seeds[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };
    cJSON *json;

    (void)state;
    fill_ifaces(x);
    want(&x[1], ECG_XV_NULL, "sink");
    json = ecg_taint_xunit_json_iface(&x[0]);
    assert_non_null(json);
    assert_int_equal(ecg_taint_xunit_json_read_iface(&back, json), 0);
    assert_int_equal(back.facts.len, 4);
    assert_int_equal(back.facts.items[0].value, ECG_XV_BUFFER);
    assert_int_equal(back.facts.items[0].size, 30);
    assert_int_equal(back.facts.items[1].value, ECG_XV_TAINT);
    assert_int_equal(back.facts.items[3].value, ECG_XV_STRING);
    assert_string_equal(back.facts.items[2].origin.steps[0].text, "'data' is set to NULL");
    cJSON_Delete(json);
    ecg_xiface_fini(&back);
    json = ecg_taint_xunit_json_iface(&x[1]);
    assert_non_null(json);
    assert_int_equal(ecg_taint_xunit_json_read_iface(&back, json), 0);
    assert_int_equal(back.wants.len, 1);
    cJSON_Delete(json);
    ecg_xiface_fini(&back);
    fini_all(x, seeds);
}

/* A question about name's argument 0 under a condition: a threshold, or a relay to argument
 * 0 of relay_to (value, pointee 0). */
static void want_when(struct ecg_xiface *x, uint8_t value, const char *name, int64_t bound,
                      const char *relay_to)
{
    struct ecg_xfact question = {
        .what = ECG_XF_ARG, .value = value, .name = (char *)name, .field = "", .size = bound
    };
    struct ecg_xfact target = {
        .what = ECG_XF_ARG, .value = value, .name = (char *)relay_to, .field = ""
    };
    char key[ECG_XWANT_KEY_MAX], relay[ECG_XWANT_KEY_MAX];

    if (relay_to != NULL) {
        ecg_taint_xunit_want_key(relay, sizeof(relay), &target);
        question.relay = relay;
    }
    ecg_taint_xunit_want_key(key, sizeof(key), &question);
    assert_int_equal(ecg_taint_xunit_name_add(&x->wants, key), 0);
}

/* Links x[0..n) and returns how many pointer-state seeds unit u gets. */
static size_t linked_states(const struct ecg_xiface *x, size_t n, size_t u)
{
    const struct ecg_xiface *ifaces[3];
    struct ecg_xfacts seeds[3];
    size_t states;

    assert_true(n <= 3);
    for (size_t i = 0; i < n; i++)
        ifaces[i] = &x[i];
    assert_int_equal(ecg_taint_xunit_link(seeds, ifaces, n), 0);
    states = seeds[u].len - ecg_taint_xunit_taint_count(&seeds[u]);
    for (size_t i = 0; i < n; i++)
        ecg_xfacts_fini(&seeds[i]);
    return states;
}

static void test_xvalue_want_keys_carry_their_condition(void **state)
{
    struct ecg_xfact q = { .what = ECG_XF_ARG,
                           .value = ECG_XV_BUFFER,
                           .index = 2,
                           .name = "fill",
                           .field = "",
                           .size = 16 };
    char key[ECG_XWANT_KEY_MAX];

    (void)state;
    ecg_taint_xunit_want_key(key, sizeof(key), &q);
    assert_string_equal(key, "4|0|fill|2|0|\t<16");
    q.value = ECG_XV_STRING;
    ecg_taint_xunit_want_key(key, sizeof(key), &q);
    assert_string_equal(key, "6|0|fill|2|0|\t>16");
    q.relay = "6|0|next|0|0|";
    ecg_taint_xunit_want_key(key, sizeof(key), &q);
    assert_string_equal(key, "6|0|fill|2|0|\t@6|0|next|0|0|");
    q.relay = NULL;
    q.size = 0;
    q.value = ECG_XV_NULL;
    ecg_taint_xunit_want_key(key, sizeof(key), &q);
    assert_string_equal(key, "1|0|fill|2|0|");
}

/* A write reaching byte 29 needs 30 bytes: a buffer of 30 does not matter, one of 29 does. */
static void test_xvalue_buffer_bound_delivers_only_a_buffer_too_small(void **state)
{
    struct ecg_xiface x[2];
    struct ecg_xfacts none[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };

    (void)state;
    fill_ifaces(x); /* unit 0 passes a buffer of 30 bytes to sink() */
    want_when(&x[1], ECG_XV_BUFFER, "sink", 30, NULL);
    assert_int_equal(linked_states(x, 2, 1), 0);
    want_when(&x[1], ECG_XV_BUFFER, "sink", 31, NULL);
    assert_int_equal(linked_states(x, 2, 1), 1);
    fini_all(x, none);
    /* a buffer of unknown size never matters to a bound */
    fill_ifaces(x);
    add_fact(&x[0], ECG_XV_BUFFER, "other", -1);
    assert_int_equal(ecg_taint_xunit_name_add(&x[1].defines, "other"), 0);
    want_when(&x[1], ECG_XV_BUFFER, "other", 64, NULL);
    assert_int_equal(linked_states(x, 2, 1), 0);
    /* without a bound any buffer does */
    want(&x[1], ECG_XV_BUFFER, "other");
    assert_int_equal(linked_states(x, 2, 1), 1);
    fini_all(x, none);
}

/* A string of 9 characters needs 10 bytes: it matters to a question about strings of at
 * least 9 characters, not of 10. */
static void test_xvalue_string_bound_delivers_only_a_string_too_long(void **state)
{
    struct ecg_xiface x[2];
    struct ecg_xfacts none[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };

    (void)state;
    fill_ifaces(x); /* unit 0 passes a string of 9 characters to sink() */
    want_when(&x[1], ECG_XV_STRING, "sink", 10, NULL);
    assert_int_equal(linked_states(x, 2, 1), 0);
    want_when(&x[1], ECG_XV_STRING, "sink", 9, NULL);
    assert_int_equal(linked_states(x, 2, 1), 1);
    fini_all(x, none);
}

/* main.c passes a buffer to relay(), which hands it on to fill() in fill.c: relay.c needs it
 * only when fill.c asks about fill()'s argument. */
static void test_xvalue_relay_delivers_only_where_it_is_asked_for_further(void **state)
{
    struct ecg_xiface x[3];
    struct ecg_xstep step = { "/src/main.c", 3, 5, 3, 9, "'name' has 8 bytes" };
    struct ecg_xfact f = { .what = ECG_XF_ARG,
                           .value = ECG_XV_BUFFER,
                           .name = "relay",
                           .origin = { 0, &step, 1 },
                           .field = "",
                           .size = 8 };

    (void)state;
    for (size_t i = 0; i < 3; i++)
        ecg_xiface_init(&x[i]);
    assert_int_equal(ecg_taint_xunit_fact_add(&x[0].facts, &f), 0);
    assert_int_equal(ecg_taint_xunit_name_add(&x[1].defines, "relay"), 0);
    assert_int_equal(ecg_taint_xunit_name_add(&x[2].defines, "fill"), 0);
    want_when(&x[1], ECG_XV_BUFFER, "relay", 0, "fill");
    assert_int_equal(linked_states(x, 3, 1), 0); /* fill.c asked nothing */
    want_when(&x[2], ECG_XV_STRING, "fill", 0, NULL);
    assert_int_equal(linked_states(x, 3, 1), 0); /* ... nothing about buffers */
    want_when(&x[2], ECG_XV_BUFFER, "fill", 4, NULL);
    assert_int_equal(linked_states(x, 3, 1), 1); /* behind a relay a bound holds for any size */
    ecg_xnames_fini(&x[2].wants);
    /* fill.c hands it on to store(), defined in relay.c too, which asks: two relays */
    want_when(&x[2], ECG_XV_BUFFER, "fill", 0, "store");
    assert_int_equal(linked_states(x, 3, 1), 0); /* relay.c does not define store() yet */
    assert_int_equal(ecg_taint_xunit_name_add(&x[1].defines, "store"), 0);
    want_when(&x[1], ECG_XV_BUFFER, "store", 0, NULL);
    assert_int_equal(linked_states(x, 3, 1), 1);
    ecg_xnames_fini(&x[1].wants);
    ecg_xnames_fini(&x[2].wants);
    want_when(&x[1], ECG_XV_BUFFER, "relay", 0, "fill");
    /* fill.c hands it back to relay(): a cycle, with no unit asking for itself */
    want_when(&x[2], ECG_XV_BUFFER, "fill", 0, "relay");
    assert_int_equal(linked_states(x, 3, 1), 0);
    for (size_t i = 0; i < 3; i++)
        ecg_xiface_fini(&x[i]);
}

/* Conditional wants survive the cache's JSON under "w2"; an older entry's "w" still reads. */
static void test_xvalue_conditional_wants_round_trip(void **state)
{
    struct ecg_xiface x, back;
    cJSON *json, *old;

    (void)state;
    ecg_xiface_init(&x);
    want_when(&x, ECG_XV_BUFFER, "sink", 16, NULL);
    want_when(&x, ECG_XV_BUFFER, "sink", 0, "next");
    json = ecg_taint_xunit_json_iface(&x);
    assert_non_null(json);
    assert_non_null(cJSON_GetObjectItemCaseSensitive(json, "w2"));
    assert_null(cJSON_GetObjectItemCaseSensitive(json, "w"));
    assert_int_equal(ecg_taint_xunit_json_read_iface(&back, json), 0);
    assert_int_equal(back.wants.len, 2);
    assert_string_equal(back.wants.items[0], x.wants.items[0]);
    assert_string_equal(back.wants.items[1], x.wants.items[1]);
    ecg_xiface_fini(&back);
    cJSON_Delete(json);
    old = cJSON_Parse("{\"d\":[],\"c\":[],\"r\":[],\"f\":[],\"w\":[\"4|0|sink|0|0|\"]}");
    assert_non_null(old);
    assert_int_equal(ecg_taint_xunit_json_read_iface(&back, old), 0);
    assert_int_equal(back.wants.len, 1);
    ecg_xiface_fini(&back);
    cJSON_Delete(old);
    ecg_xiface_fini(&x);
}

static void test_xvalue_json_rejects_a_bad_state(void **state)
{
    struct ecg_xfacts out;
    cJSON *json = cJSON_Parse("[[0,0,0,\"sink\",0,[],\"\",9,0]]"); /* no such pointer state */

    (void)state;
    assert_non_null(json);
    assert_int_not_equal(ecg_taint_xunit_json_read_facts(&out, json), 0);
    cJSON_Delete(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xvalue_places_at_the_edge),
        cmocka_unit_test(test_xvalue_argument_shapes),
        cmocka_unit_test(test_xvalue_facts_reach_units_that_ask_after_taint),
        cmocka_unit_test(test_xvalue_facts_and_wants_round_trip),
        cmocka_unit_test(test_xvalue_json_rejects_a_bad_state),
        cmocka_unit_test(test_xvalue_want_keys_carry_their_condition),
        cmocka_unit_test(test_xvalue_buffer_bound_delivers_only_a_buffer_too_small),
        cmocka_unit_test(test_xvalue_string_bound_delivers_only_a_string_too_long),
        cmocka_unit_test(test_xvalue_relay_delivers_only_where_it_is_asked_for_further),
        cmocka_unit_test(test_xvalue_conditional_wants_round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
