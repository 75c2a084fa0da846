/* Tests of the ecg gen reader through libclang: annotated headers written to a scratch
 * directory and read as ecg gen reads them (with <ecg/annotate.h> from runtime/include).
 * Members keep their declarators as written (typedef names, _Atomic) and get clang's record
 * layout; every refused shape comes back as a located ECG_EPARSE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "analyzer/build_config.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/strvec.h"
#include "codegen/read.h"
#include "tests/support/testkit.h"

#define PATH_MAX_LEN 1024

struct fixture {
    char dir[PATH_MAX_LEN];
    char path[PATH_MAX_LEN];
    struct ecg_strvec args;
    struct ecg_diag diag;
    struct gen_read_result result;
};

static int setup(void **state)
{
    static struct fixture f;

    memset(&f, 0, sizeof(f));
    if (testkit_tmpdir(f.dir, sizeof(f.dir), "gen-read") != 0)
        return -1;
    ecg_strvec_init(&f.args);
    if (ecg_strvec_push(&f.args, "-I" ECG_SOURCE_DIR "/runtime/include") != 0)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    gen_read_fini(&f->result);
    ecg_strvec_fini(&f->args);
    return testkit_remove_tree(f->dir);
}

/* Writes source as in.h and reads it; returns the reader's code. */
static int read_source(struct fixture *f, const char *source)
{
    gen_read_fini(&f->result);
    ecg_diag_clear(&f->diag);
    testkit_write_in(f->path, sizeof(f->path), f->dir, "in.h", source);
    return gen_read_header(&f->result, f->path, &f->args, ECG_DEFAULT_RESOURCE_DIR, &f->diag);
}

static void assert_refused(struct fixture *f, const char *source, unsigned line, unsigned col,
                           const char *want)
{
    assert_int_equal(read_source(f, source), ECG_EPARSE);
    assert_int_equal(f->result.n_structs, 0);
    if (strstr(f->diag.message, want) == NULL)
        fail_msg("message '%s' lacks '%s'", f->diag.message, want);
    if (f->diag.line != line || f->diag.col != col)
        fail_msg("'%s' at %u:%u, expected %u:%u", f->diag.message, f->diag.line, f->diag.col, line,
                 col);
    assert_string_equal(f->diag.path, f->path);
}

static const struct gen_member *member(const struct gen_struct *s, const char *name)
{
    for (size_t i = 0; i < s->n_members; i++) {
        if (strcmp(s->members[i].name, name) == 0)
            return &s->members[i];
    }
    fail_msg("no member %s", name);
    return NULL;
}

static const char fill_h[] =
    "#include <ecg/annotate.h>\n"
    "#include <stdint.h>\n"
    "#include <stddef.h> /* size_t */\n"
    "\n"
    "struct plain { int not_generated; };\n"
    "struct ECG_GENERATE(pool(capacity=4096, local), layout(cache_aligned),\n"
    "                    instrument(counters)) fill {\n"
    "    char venue[5];\n"
    "    ECG_HOT uint64_t order_id;\n"
    "    ECG_COLD char note[40];\n"
    "    ECG_HOT int64_t price;\n"
    "    ECG_HOT uint32_t qty;\n"
    "};\n";

static void test_gen_read_issue_fill(void **state)
{
    struct fixture *f = *state;
    const struct gen_struct *s;

    assert_int_equal(read_source(f, fill_h), 0);
    assert_int_equal(f->result.n_structs, 1);
    s = &f->result.structs[0];
    assert_string_equal(s->name, "fill");
    assert_string_equal(s->input, f->path);
    assert_int_equal(s->line, 7); /* the line of the tag */
    assert_int_equal(s->size, 72);
    assert_int_equal(s->align, 8);
    assert_int_equal(s->options.pool_capacity, 4096);
    assert_true(s->options.cache_aligned);
    assert_true(s->options.counters);
    assert_int_equal(s->n_includes, 2);
    assert_string_equal(s->includes[0], "<stdint.h>");
    assert_string_equal(s->includes[1], "<stddef.h>");
    assert_int_equal(s->n_members, 5);
    assert_string_equal(s->members[0].declaration, "char venue[5]");
    assert_string_equal(s->members[1].declaration, "uint64_t order_id");
    assert_string_equal(s->members[2].declaration, "char note[40]");
    assert_int_equal(s->members[1].heat, GEN_HEAT_HOT);
    assert_int_equal(s->members[2].heat, GEN_HEAT_COLD);
    assert_int_equal(s->members[0].heat, GEN_HEAT_WARM);
    assert_int_equal(member(s, "order_id")->offset, 8);
    assert_int_equal(member(s, "note")->offset, 16);
    assert_int_equal(member(s, "qty")->offset, 64);
    assert_int_equal(member(s, "qty")->size, 4);
    assert_int_equal(member(s, "qty")->align, 4);
    assert_int_equal(member(s, "qty")->line, 12);
    assert_null(member(s, "qty")->writer);
}

static void test_gen_read_writers_and_atomics(void **state)
{
    struct fixture *f = *state;
    const struct gen_struct *s;

    assert_int_equal(read_source(f, "#include <ecg/annotate.h>\n"
                                    "#include <stdatomic.h>\n"
                                    "#include <stdint.h>\n"
                                    "struct ECG_GENERATE(ring(capacity=64)) stats {\n"
                                    "    ECG_WRITER(producer) _Atomic(uint64_t) pushed;\n"
                                    "    ECG_WRITER(consumer) _Atomic uint32_t popped;\n"
                                    "    ECG_HOT ECG_WRITER(consumer) const char *last;\n"
                                    "};\n"),
                     0);
    s = &f->result.structs[0];
    assert_int_equal(s->options.ring_capacity, 64);
    assert_string_equal(s->members[0].declaration, "_Atomic(uint64_t) pushed");
    assert_string_equal(s->members[0].writer, "producer");
    assert_true(s->members[0].is_atomic);
    assert_string_equal(s->members[1].declaration, "_Atomic uint32_t popped");
    assert_true(s->members[1].is_atomic);
    assert_string_equal(s->members[2].declaration, "const char *last");
    assert_string_equal(s->members[2].writer, "consumer");
    assert_int_equal(s->members[2].heat, GEN_HEAT_HOT);
    assert_false(s->members[2].is_atomic);
}

/* Declarators the tokens cannot give: a macro of the input in an array bound, declarators
 * sharing one declaration, members written by a macro. clang's type spelling serves. */
static void test_gen_read_declarators_from_types(void **state)
{
    struct fixture *f = *state;
    const struct gen_struct *s;

    assert_int_equal(read_source(f, "#include <stdint.h>\n"
                                    "#define NAME_LEN 16\n"
                                    "#define COUNTER(n) uint32_t n;\n"
                                    "struct __attribute__((annotate(\"ecg:generate:\"))) row {\n"
                                    "    char name[NAME_LEN];\n"
                                    "    int a, *b;\n"
                                    "    COUNTER(hits)\n"
                                    "    void (*on_fill)(int, long);\n"
                                    "    double grid[2][3];\n"
                                    "};\n"),
                     0);
    s = &f->result.structs[0];
    assert_int_equal(s->n_members, 6);
    assert_string_equal(member(s, "name")->declaration, "char name[16]");
    assert_string_equal(member(s, "a")->declaration, "int a");
    assert_string_equal(member(s, "b")->declaration, "int *b");
    assert_string_equal(member(s, "hits")->declaration, "uint32_t hits");
    assert_string_equal(member(s, "on_fill")->declaration, "void(*on_fill)(int, long)");
    assert_string_equal(member(s, "grid")->declaration, "double grid[2][3]");
    assert_int_equal(s->n_includes, 1);
}

static void test_gen_read_ignores_unannotated_and_included(void **state)
{
    struct fixture *f = *state;
    char other[PATH_MAX_LEN];

    testkit_write_in(other, sizeof(other), f->dir, "other.h",
                     "struct __attribute__((annotate(\"ecg:generate:\"))) elsewhere { int x; };\n");
    assert_int_equal(read_source(f, "#include \"other.h\"\n"
                                    "struct plain { int x; };\n"
                                    "union u { int x; float y; };\n"),
                     0);
    assert_int_equal(f->result.n_structs, 0);
}

static void test_gen_read_refuses_shapes(void **state)
{
    struct fixture *f = *state;

    assert_refused(f, "#include <ecg/annotate.h>\nunion ECG_GENERATE() u { int a; };\n", 2, 22,
                   "ECG_GENERATE on a union: only structs can be generated");
    assert_refused(f, "#include <ecg/annotate.h>\nstruct ECG_GENERATE() { int a; } x;\n", 2, 1,
                   "ECG_GENERATE on an anonymous struct: give the struct a tag");
    assert_refused(f, "#include <ecg/annotate.h>\ntypedef struct ECG_GENERATE() { int a; } t;\n", 2,
                   9, "anonymous struct");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE() msg {\n    int n;\n"
                   "    char data[];\n};\n",
                   4, 10, "flexible array member 'data' is not supported");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE() flags {\n"
                   "    unsigned ready : 1;\n};\n",
                   3, 14, "bit-field 'ready' is not supported");
    assert_refused(f, "#include <ecg/annotate.h>\nstruct ECG_GENERATE() e {\n};\n", 2, 23,
                   "struct 'e' has no members");
}

static void test_gen_read_refuses_members(void **state)
{
    struct fixture *f = *state;

    assert_refused(f,
                   "#include <ecg/annotate.h>\ntypedef int price_t;\n"
                   "struct ECG_GENERATE() q {\n    price_t p;\n};\n",
                   4, 13, "member 'p' has type 'price_t', declared in this header");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct inner { int a; };\n"
                   "struct ECG_GENERATE() q {\n    struct inner i;\n};\n",
                   4, 18, "declared in this header");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE() q {\n"
                   "    struct { int a; } i;\n};\n",
                   3, 5, "a struct or union defined inside an annotated struct");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE() q {\n"
                   "    _Alignas(16) int a;\n};\n",
                   3, 5, "member 'a' has its own alignment");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE() q {\n"
                   "    ECG_HOT ECG_COLD int a;\n};\n",
                   3, 13, "member 'a' is marked both ECG_HOT and ECG_COLD");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE() q {\n"
                   "    ECG_NONBLOCKING int a;\n};\n",
                   3, 5, "unknown annotation 'ecg:nonblocking' on member 'a'");
    assert_refused(
        f, "struct __attribute__((annotate(\"ecg:generate:\"))) q {\n    int ecg_pad0;\n};\n", 2, 9,
        "member name 'ecg_pad0' is reserved");
    /* a pointer to a struct of the input is fine: the generated header declares the tag */
    assert_int_equal(read_source(f, "#include <ecg/annotate.h>\nstruct node;\n"
                                    "struct ECG_GENERATE() q {\n    struct node *next;\n"
                                    "    struct q *self;\n};\n"),
                     0);
    assert_string_equal(f->result.structs[0].members[0].declaration, "struct node *next");
}

static void test_gen_read_refuses_bad_options(void **state)
{
    struct fixture *f = *state;

    assert_refused(f,
                   "#include <ecg/annotate.h>\n\nstruct ECG_GENERATE(pool(capacity=abc)) q {\n"
                   "    int a;\n};\n",
                   3, 35, "ECG_GENERATE(pool(capacity=abc)): pool capacity 'abc' is not a number");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE(ring(capacity=100)) q {\n"
                   "    int a;\n};\n",
                   2, 35, "ring capacity 100 is not a power of two");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE(pool(capacity=8), "
                   "arena(x)) q {\n    int a;\n};\n",
                   2, 39, "unknown piece 'arena'");
    assert_refused(f,
                   "#include <ecg/annotate.h>\nstruct ECG_GENERATE() ECG_HOT q {\n    int a;\n};\n",
                   2, 23, "annotation 'ecg:hot' does not apply to a struct");
}

static void test_gen_read_header_that_does_not_parse(void **state)
{
    struct fixture *f = *state;

    assert_refused(f, "#include <ecg/annotate.h>\nstruct ECG_GENERATE() q {\n    int a b;\n};\n", 3,
                   10, "expected ';' at end of declaration list");
    assert_refused(f, "#include <no/such/header.h>\n", 1, 10, "'no/such/header.h' file not found");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_read_issue_fill),
        cmocka_unit_test(test_gen_read_writers_and_atomics),
        cmocka_unit_test(test_gen_read_declarators_from_types),
        cmocka_unit_test(test_gen_read_ignores_unannotated_and_included),
        cmocka_unit_test(test_gen_read_refuses_shapes),
        cmocka_unit_test(test_gen_read_refuses_members),
        cmocka_unit_test(test_gen_read_refuses_bad_options),
        cmocka_unit_test(test_gen_read_header_that_does_not_parse),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
