/* Unit tests for the operators of operator cursors (analyzer/opcode.c): each operator read
 * through a unit's kept file texts (ecg_opcode_read) is the one read without them, with
 * macros and comments between operands, and (before libclang 17, where operators are read
 * from the text) a file's text is kept in one slot; ecg_opcode_file_text gives each file's
 * text as libclang does and keeps the last ECG_OPCODE_TEXTS files asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/opcode.h"
#include "tests/support/testkit.h"

#define MAX_SEEN 64

struct seen {
    enum ecg_op plain[MAX_SEEN]; /* ecg_opcode_of */
    enum ecg_op kept[MAX_SEEN];  /* ecg_opcode_read with texts */
    size_t n;
    struct ecg_opcode_texts texts;
};

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct seen *s = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if ((kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator ||
         kind == CXCursor_UnaryOperator) &&
        s->n < MAX_SEEN) {
        s->plain[s->n] = ecg_opcode_of(c);
        s->kept[s->n] = ecg_opcode_read(&s->texts, c);
        s->n++;
    }
    return CXChildVisit_Recurse;
}

static void scan(const char *source, struct seen *out)
{
    memset(out, 0, sizeof(*out));
    ecg_opcode_texts_init(&out->texts);
    testkit_visit_source(source, visit, out);
}

static void test_opcode_kept_texts_read_the_same(void **state)
{
    struct seen s;

    (void)state;
    scan("#define MIN(a, b) ((a) < (b) ? (a) : (b))\n"
         "int f(int a, int *p, unsigned u)\n"
         "{\n"
         "    a += a == 3; /* a comment */ a = -a;\n"
         "    p++; --a; u <<= 2; u = ~u;\n"
         "    a = MIN(a, *p) + (a /* c */ % 3);\n"
         "    return *p != 0 && !a || (a, u >= 1);\n"
         "}\n",
         &s);
    assert_true(s.n >= 16);
    for (size_t i = 0; i < s.n; i++)
        assert_int_equal(s.kept[i], s.plain[i]);
    assert_int_equal(s.kept[0], ECG_OP_ADD); /* += */
    assert_int_equal(s.kept[1], ECG_OP_EQ);
    assert_int_equal(s.kept[2], ECG_OP_ASSIGN);
    assert_int_equal(s.kept[3], ECG_OP_MINUS);
    assert_int_equal(s.kept[4], ECG_OP_POSTINC);
    assert_int_equal(s.kept[5], ECG_OP_PREDEC);
}

static void test_opcode_texts_reused_and_replaced(void **state)
{
    struct ecg_opcode_texts texts;
    struct seen s;

    (void)state;
    ecg_opcode_texts_init(&texts);
    for (unsigned i = 0; i < ECG_OPCODE_TEXTS; i++)
        assert_null(texts.file[i]);
    scan("int g(int a) { a = a + 1; a = a - 1; a = a * 2; return a; }\n", &s);
    assert_int_equal(s.n, 6);
    for (size_t i = 0; i < s.n; i++)
        assert_int_equal(s.kept[i], s.plain[i]);
#if CINDEX_VERSION_MINOR < 64
    /* one file: one slot filled, the others still empty */
    assert_non_null(s.texts.file[0]);
    assert_null(s.texts.file[1]);
    assert_int_equal(s.texts.next, 1);
#else
    /* libclang 17 and later name the operators: no file text is read, no slot is filled */
    for (unsigned i = 0; i < ECG_OPCODE_TEXTS; i++)
        assert_null(s.texts.file[i]);
#endif
}

#define N_HEADERS (ECG_OPCODE_TEXTS + 2)

/* A unit including N_HEADERS headers of a fresh directory, and the headers' files. */
static void parse_with_headers(CXIndex *index, CXTranslationUnit *tu, CXFile *files, char *dir,
                               size_t dir_size)
{
    char source[N_HEADERS * 544] = ""; /* each line: #include, a path of up to 512 bytes */
    char path[512];
    size_t used = 0;

    assert_int_equal(testkit_tmpdir(dir, dir_size, "opcode-texts"), 0);
    for (unsigned i = 0; i < N_HEADERS; i++) {
        char name[32], decl[64];
        snprintf(name, sizeof(name), "h%u.h", i);
        snprintf(decl, sizeof(decl), "int h%u(int a) { return a + %u; }\n", i, i);
        testkit_write_in(path, sizeof(path), dir, name, decl);
        used += (size_t)snprintf(source + used, sizeof(source) - used, "#include \"%s\"\n", path);
        assert_true(used < sizeof(source));
    }
    testkit_parse_source(index, tu, source);
    for (unsigned i = 0; i < N_HEADERS; i++) {
        testkit_path(path, sizeof(path), "%s/h%u.h", dir, i);
        files[i] = clang_getFile(*tu, path);
        assert_non_null(files[i]);
    }
}

static void test_opcode_file_text_kept_per_file(void **state)
{
    CXIndex index;
    CXTranslationUnit tu;
    CXFile files[N_HEADERS];
    char dir[256];
    struct ecg_opcode_texts texts;
    size_t size = 0, want_size = 0;
    const char *text;

    (void)state;
    parse_with_headers(&index, &tu, files, dir, sizeof(dir));
    ecg_opcode_texts_init(&texts);
    for (unsigned i = 0; i < N_HEADERS; i++) {
        const char *want = clang_getFileContents(tu, files[i], &want_size);
        text = ecg_opcode_file_text(&texts, tu, files[i], &size);
        assert_ptr_equal(text, want);
        assert_int_equal(size, want_size);
        /* asked again, from the kept slot: the same text */
        assert_ptr_equal(ecg_opcode_file_text(&texts, tu, files[i], &size), want);
        assert_int_equal(size, want_size);
        assert_ptr_equal(ecg_opcode_file_text(NULL, tu, files[i], &size), want);
    }
    /* the last ECG_OPCODE_TEXTS files are kept; the first two gave way to the last two */
    assert_ptr_equal(texts.file[0], files[ECG_OPCODE_TEXTS]);
    assert_ptr_equal(texts.file[1], files[ECG_OPCODE_TEXTS + 1]);
    assert_ptr_equal(texts.file[2], files[2]);
    assert_int_equal(texts.next, 2);
    text = ecg_opcode_file_text(&texts, tu, files[0], &size);
    assert_non_null(text);
    assert_ptr_equal(texts.file[2], files[0]);
    assert_int_equal(texts.next, 3);
    testkit_dispose_source(index, tu);
    assert_int_equal(testkit_remove_tree(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opcode_kept_texts_read_the_same),
        cmocka_unit_test(test_opcode_texts_reused_and_replaced),
        cmocka_unit_test(test_opcode_file_text_kept_per_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
