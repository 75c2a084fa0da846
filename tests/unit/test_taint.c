/* Unit tests for the taint engine (analyzer/taint.h): flows through each kind of step
 * (assignment, pointer alias of a buffer, struct field, union, string functions, return,
 * parameter, out parameter, global, function pointer), the witness steps a flow carries,
 * sanitizers (bounds, allow-list strcmp, configured validators), constant conditions,
 * configured sources and sinks, and summaries to a fixed point, recursion included. The
 * "taint" configuration's checks and merging, and category names: test_taint_config.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/config.h"
#include "analyzer/diag.h"
#include "analyzer/taint.h"
#include "tests/support/taint_fixture.h"

/* --- steps ----------------------------------------------------------------------------- */

static void test_taint_source_to_sink_with_steps(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(&r,
                      "void f(void) {\n char *e = getenv(\"X\");\n char *c = e;\n system(c);\n}\n");
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system");
    assert_non_null(f);
    assert_int_equal(f->source, ECG_TAINT_FROM_ENV);
    assert_int_equal(f->arg, 0);
    assert_int_equal(taint_fixture_sink_line(f), 4);
    assert_int_equal(f->n_steps, 4);
    assert_string_equal(f->steps[0].text, "getenv() returns data from the environment");
    assert_string_equal(f->steps[1].text, "assigned to 'e'");
    assert_string_equal(f->steps[2].text, "assigned to 'c'");
    assert_string_equal(f->steps[3].text, "reaches system()");
    taint_fixture_done(&r);
}

static void test_taint_buffer_through_pointer_alias(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(&r, "void f(void) {\n char buf[100] = \"ls \";\n char *data = buf;\n"
                          " size_t n = strlen(data);\n"
                          " if (fgets(data + n, (int)(100 - n), stdin) == 0) return;\n"
                          " execl(\"/bin/sh\", \"sh\", \"-c\", buf, (char *)0);\n}\n");
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "execl");
    assert_non_null(f);
    assert_int_equal(f->source, ECG_TAINT_FROM_STDIN);
    assert_int_equal(f->arg, 3);
    taint_fixture_assert_step(f, "fgets() reads data from standard input into 'data'");
    taint_fixture_done(&r);
}

static void test_taint_element_write_keeps_buffer_taint(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(
        &r, "struct cell { char s[8]; };\n"
            "void f(int fd) {\n char b[64];\n long n = recv(fd, b, 63, 0);\n b[n] = 0;\n"
            " char *p = b;\n *p = 'x';\n system(b);\n struct cell a[2];\n strcpy(a[0].s, b);\n"
            " strcpy(a[1].s, \"ok\");\n popen(a[0].s, \"r\");\n}\n");
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "popen"));
    taint_fixture_done(&r);
}

static void test_taint_string_functions_copy_into_buffers(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(
        &r, "void f(int fd) {\n char in[64], cmd[128], out[128];\n recv(fd, in, 63, 0);\n"
            " strcpy(cmd, \"echo \");\n strcat(cmd, in);\n"
            " snprintf(out, sizeof out, \"%s > /tmp/x\", cmd);\n popen(out, \"r\");\n}\n");
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "popen");
    assert_non_null(f);
    assert_int_equal(f->source, ECG_TAINT_FROM_NETWORK);
    taint_fixture_assert_step(f, "recv() reads data from the network into 'in'");
    taint_fixture_assert_step(f, "copied into 'cmd' by strcat()");
    taint_fixture_assert_step(f, "formatted into 'out' by snprintf()");
    taint_fixture_done(&r);
}

static void test_taint_memcpy_and_strdup(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(
        &r, "void f(void) {\n char a[32], b[32];\n char *e = getenv(\"A\");\n"
            " memcpy(a, e, 31);\n system(a);\n char *d = strdup(e);\n popen(d, \"r\");\n}\n");
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "popen"));
    taint_fixture_done(&r);
}

static void test_taint_struct_fields(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(
        &r,
        "struct req { char *cmd; char *name; };\n"
        "void f(struct req *p) {\n struct req q;\n q.cmd = getenv(\"C\");\n q.name = \"x\";\n"
        " system(q.name);\n system(q.cmd);\n p->cmd = getenv(\"D\");\n popen(p->cmd, \"r\");\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 2);
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system");
    assert_int_equal(taint_fixture_sink_line(f), 7);
    taint_fixture_assert_step(f, "assigned to 'q.cmd'");
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "popen");
    taint_fixture_assert_step(f, "assigned to 'p->cmd'");
    taint_fixture_done(&r);
}

static void test_taint_union_members_alias(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(&r, "union u { char *a; char *b; };\n"
                          "void f(void) {\n union u v;\n v.a = getenv(\"U\");\n system(v.b);\n}\n");
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    taint_fixture_done(&r);
}

static void test_taint_pointer_to_pointer(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(
        &r, "void f(void) {\n char buf[64] = \"\";\n char *data = buf;\n char **pp = &data;\n"
            " { char *d = *pp; strcat(d, getenv(\"P\")); }\n"
            " { char *d = *pp; system(d); }\n}\n");
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    taint_fixture_done(&r);
}

/* --- between functions ----------------------------------------------------------------- */

static void test_taint_through_return_value(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(&r, "static char *read_cmd(void) { return getenv(\"CMD\"); }\n"
                          "void f(void) { char *c = read_cmd(); system(c); }\n");
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system");
    assert_non_null(f);
    taint_fixture_assert_step(f, "returned by 'read_cmd'");
    taint_fixture_done(&r);
}

static void test_taint_into_parameter_of_helper(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(&r, "static void run_it(const char *what) {\n char cmd[128];\n"
                          " snprintf(cmd, sizeof cmd, \"ls %s\", what);\n system(cmd);\n}\n"
                          "void f(void) { run_it(getenv(\"W\")); }\n"
                          "void g(void) { run_it(\"/tmp\"); }\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 1);
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system");
    taint_fixture_assert_step(f, "passed to 'run_it' as parameter 'what'");
    taint_fixture_assert_step(f, "formatted into 'cmd' by snprintf()");
    taint_fixture_done(&r);
}

static void test_taint_out_parameter_filled_by_callee(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(&r, "static void fill(char *b, int fd) { recv(fd, b, 99, 0); }\n"
                          "void f(int fd) { char buf[100]; fill(buf, fd); system(buf); }\n"
                          "void g(void) { char buf[100] = \"ls\"; system(buf); }\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 1);
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system");
    taint_fixture_assert_step(f, "written into 'buf' by 'fill'");
    taint_fixture_done(&r);
}

static void test_taint_copy_helper_uses_summary(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(&r, "static void copy(char *d, const char *s) { strcpy(d, s); }\n"
                          "void f(void) { char a[64]; copy(a, getenv(\"A\")); system(a); }\n"
                          "void g(void) { char a[64]; copy(a, \"safe\"); system(a); }\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 1);
    taint_fixture_done(&r);
}

static void test_taint_global_written_then_read(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(&r, "static char *bad_data; static char *good_data;\n"
                          "static void bad_sink(void) { system(bad_data); }\n"
                          "static void good_sink(void) { system(good_data); }\n"
                          "void f(void) { bad_data = getenv(\"G\"); bad_sink(); }\n"
                          "void g(void) { good_data = \"ls\"; good_sink(); }\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 1);
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system");
    taint_fixture_assert_step(f, "read from global 'bad_data'");
    taint_fixture_done(&r);
}

static void test_taint_function_pointer_call(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(&r, "static void sink(char *d) { system(d); }\n"
                          "void f(void) { void (*fp)(char *) = sink; fp(getenv(\"F\")); }\n");
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    taint_fixture_done(&r);
}

static void test_taint_argv_of_main(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(
        &r, "int main(int argc, char **argv) { if (argc > 1) system(argv[1]); return 0; }\n");
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system");
    assert_non_null(f);
    assert_int_equal(f->source, ECG_TAINT_FROM_ARGV);
    taint_fixture_assert_step(f, "'argv' holds the command-line arguments");
    taint_fixture_done(&r);
}

/* --- what stops a flow ----------------------------------------------------------------- */

static void test_taint_overwrite_kills(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(&r, "void f(void) {\n char *p = getenv(\"X\");\n p = \"ls\";\n system(p);\n"
                          " char buf[64];\n strcpy(buf, getenv(\"Y\"));\n strcpy(buf, \"date\");\n "
                          "system(buf);\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 0);
    taint_fixture_done(&r);
}

static void test_taint_allow_list_comparison_cleans(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(
        &r, "void f(void) {\n char *c = getenv(\"C\");\n if (strcmp(c, \"ls\") == 0) system(c);\n"
            " if (!strcmp(c, \"df\")) popen(c, \"r\");\n}\n"
            "void g(void) {\n char *c = getenv(\"C\");\n if (strcmp(c, \"ls\") != 0) return;\n"
            " system(c);\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 0);
    taint_fixture_done(&r);

    taint_fixture_run(
        &r,
        "void f(void) {\n char *c = getenv(\"C\");\n if (strcmp(c, \"ls\") != 0) system(c);\n}\n"
        "void g(void) {\n char *c = getenv(\"C\");\n if (c[0] == '|') popen(c + 1, \"r\");\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND),
                     2); /* one element says nothing of c */
    taint_fixture_done(&r);
}

static void test_taint_bounds_from_comparisons(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run(
        &r, "int t[10];\n"
            "void f(void) {\n int n = getchar();\n if (n < 0 || n >= 10) return;\n t[n] = 1;\n}\n"
            "void g(void) {\n int n = getchar();\n if (n > 0 && n < 10) t[n] = 2;\n}\n"
            "void h(void) {\n int n = getchar();\n if (n < 10) t[n] = 3;\n}\n"
            "void k(void) {\n int n = getchar();\n t[n] = 4;\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_INDEX), 4);
    for (size_t i = 0; i < r.flows->len; i++) {
        f = &r.flows->items[i];
        if (f->category != ECG_TAINT_INDEX)
            continue;
        switch (taint_fixture_sink_line(f)) {
        case 5:
        case 9:
            assert_int_equal(f->bounds, ECG_TAINT_BOUND_UPPER | ECG_TAINT_BOUND_LOWER);
            break;
        case 13:
            assert_int_equal(f->bounds, ECG_TAINT_BOUND_UPPER);
            break;
        default:
            assert_int_equal(f->bounds, 0);
        }
    }
    taint_fixture_done(&r);
}

static void test_taint_arithmetic_flow_and_guard(void **state)
{
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run_with(
        &r,
        "int abs(int);\n"
        "void f(void) {\n char in[16];\n fgets(in, 16, stdin);\n int d = atoi(in);\n"
        " int r1 = d + 1;\n if (d < 1000) { int r2 = d * 2; }\n d++;\n"
        " if (abs(d) <= 40) { int r3 = d * d; }\n d -= 3;\n}\n",
        NULL, ECG_TAINT_MASK(ECG_TAINT_ARITH));
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_ARITH), 5);
    f = taint_fixture_flow_to(&r, ECG_TAINT_ARITH, "");
    assert_int_equal(f->op, ECG_OP_ADD);
    assert_int_equal(f->bounds, 0);
    assert_int_equal(r.flows->items[1].op, ECG_OP_MUL);
    assert_int_equal(r.flows->items[1].bounds, ECG_TAINT_BOUND_UPPER);
    assert_int_equal(r.flows->items[2].op, ECG_OP_POSTINC);
    assert_int_equal(r.flows->items[3].bounds, ECG_TAINT_BOUND_UPPER | ECG_TAINT_BOUND_LOWER);
    assert_int_equal(r.flows->items[4].op, ECG_OP_SUB);
    taint_fixture_done(&r);
}

/* imaxabs(x) <= k bounds x both ways, as abs() does (the int64_t shape of a range check). */
static void test_taint_arithmetic_imaxabs_guard(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run_with(&r,
                           "long imaxabs(long);\n"
                           "void f(void) {\n long d = 0;\n fscanf(stdin, \"%ld\", &d);\n"
                           " if (imaxabs(d) <= 3037000499L) { long r = d * d; }\n}\n",
                           NULL, ECG_TAINT_MASK(ECG_TAINT_ARITH));
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_ARITH), 1);
    assert_int_equal(r.flows->items[0].bounds, ECG_TAINT_BOUND_UPPER | ECG_TAINT_BOUND_LOWER);
    taint_fixture_done(&r);
}

/* `a <= LIMIT / b` bounds a above though b is read: a constant's quotient is at most the
 * constant (the check that keeps a product in range), and b > 0 before it. */
static void test_taint_arithmetic_quotient_guard(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run_with(
        &r,
        "void f(void) {\n long a = 0;\n long b = 0;\n fscanf(stdin, \"%ld\", &a);\n"
        " fscanf(stdin, \"%ld\", &b);\n"
        " if (b > 0 && a > 0 && a <= 1000000L / b) { long p = a * b; }\n}\n",
        NULL, ECG_TAINT_MASK(ECG_TAINT_ARITH));
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_ARITH), 1);
    assert_int_equal(r.flows->items[0].arg, 0);
    assert_int_equal(r.flows->items[0].bounds, ECG_TAINT_BOUND_UPPER | ECG_TAINT_BOUND_LOWER);
    taint_fixture_done(&r);
}

/* A test for nonzero (`n && ...`, `n != 0`, the false edge of `n == 0`) bounds n below. */
static void test_taint_arithmetic_nonzero_guard(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run_with(
        &r,
        "void f(void) {\n int n = 0;\n scanf(\"%d\", &n);\n"
        " if (n != 0) { int a = n - 1; }\n if (n == 0) return;\n int b = n - 2;\n"
        " while (n && n > 5) n--;\n}\n",
        NULL, ECG_TAINT_MASK(ECG_TAINT_ARITH));
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_ARITH), 3);
    for (size_t i = 0; i < r.flows->len; i++)
        assert_true((r.flows->items[i].bounds & ECG_TAINT_BOUND_LOWER) != 0);
    taint_fixture_done(&r);
}

static void test_taint_constant_conditions_prune(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(
        &r, "static const int NEVER = 0; static int flag_off = 0; static int five = 5;\n"
            "static int returns_false(void) { return 0; }\n"
            "void f(void) {\n char *c = \"ls\";\n if (0) c = getenv(\"A\");\n"
            " if (NEVER) c = getenv(\"B\");\n if (flag_off) c = getenv(\"C\");\n"
            " if (five != 5) c = getenv(\"D\");\n if (returns_false()) c = getenv(\"E\");\n"
            " switch (6) { case 5: c = getenv(\"F\"); break; default: break; }\n"
            " while (0) c = getenv(\"G\");\n system(c);\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 0);
    taint_fixture_done(&r);

    /* a static the unit changes is no constant */
    taint_fixture_run(
        &r, "static int flag = 0;\nvoid on(void) { flag = 1; }\n"
            "void f(void) {\n char *c = \"ls\";\n if (flag) c = getenv(\"A\");\n system(c);\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 1);
    taint_fixture_done(&r);
}

static void test_taint_noreturn_ends_path(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(
        &r, "void f(void) {\n char *c = getenv(\"C\");\n if (strcmp(c, \"a\") != 0 && strcmp(c, "
            "\"b\") != 0)\n  exit(1);\n system(c);\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 0);
    taint_fixture_done(&r);
}

static void test_taint_integer_into_format_does_not_taint_string(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(&r, "void f(void) {\n char cmd[64];\n int n = getchar();\n"
                          " snprintf(cmd, sizeof cmd, \"kill %d\", n);\n system(cmd);\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 0);
    taint_fixture_done(&r);
}

static void test_taint_loops_and_branches_join(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(
        &r, "void f(int k) {\n char *c = \"ls\";\n char *e = getenv(\"E\");\n"
            " for (int i = 0; i < k; i++) { if (i == 3) c = e; }\n system(c);\n}\n"
            "void g(int k) {\n char *c = getenv(\"E\");\n while (k--) c = \"ls\";\n popen(c, "
            "\"r\");\n}\n");
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "popen"));
    taint_fixture_done(&r);
}

static void test_taint_one_flow_per_sink(void **state)
{
    struct taint_fixture r;
    (void)state;

    taint_fixture_run(&r, "void f(int k) {\n char *c = k ? getenv(\"A\") : getenv(\"B\");\n"
                          " for (int i = 0; i < k; i++) system(c);\n}\n");
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 1);
    taint_fixture_done(&r);
}

/* --- configuration --------------------------------------------------------------------- */

static void test_taint_configured_source_sink_sanitizer(void **state)
{
    static const char config[] =
        "{\"sources\": [{\"function\": \"my_read\", \"returns\": true},\n"
        "               {\"function\": \"my_fill\", \"args\": [0], \"kind\": \"network\"}],\n"
        " \"sinks\": [{\"function\": \"run_cmd\", \"category\": \"command\", \"args\": [1]}],\n"
        " \"sanitizers\": [{\"function\": \"validate\", \"args\": [0]},\n"
        "                  {\"function\": \"escape\", \"returns\": true}]}";
    struct taint_fixture r;
    const struct ecg_taint_flow *f;
    (void)state;

    taint_fixture_run_with(
        &r,
        "char *my_read(void); void my_fill(char *); void run_cmd(int, const char *);\n"
        "int validate(char *); char *escape(const char *);\n"
        "void f(void) { run_cmd(0, my_read()); }\n"
        "void g(void) { char b[32]; my_fill(b); run_cmd(1, b); }\n"
        "void h(void) { char *c = my_read(); validate(c); run_cmd(2, c); }\n"
        "void k(void) { char *c = escape(my_read()); run_cmd(3, c); }\n"
        "void m(void) { run_cmd(0, \"fixed\"); system(my_read()); }\n",
        config, TAINT_FIXTURE_ALL_CATEGORIES);
    assert_int_equal(taint_fixture_count(&r, ECG_TAINT_COMMAND), 3);
    f = taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "run_cmd");
    assert_int_equal(f->source, ECG_TAINT_FROM_USER);
    assert_int_equal(f->arg, 1);
    taint_fixture_assert_step(
        f, "my_read() returns data from a function configured as a taint source");
    assert_int_equal(r.flows->items[1].source, ECG_TAINT_FROM_NETWORK);
    taint_fixture_done(&r);
}

/* --- summaries ------------------------------------------------------------------------- */

static void test_taint_summaries(void **state)
{
    struct taint_fixture r;
    struct ecg_taint_summary s;
    (void)state;

    taint_fixture_run(&r,
                      "char *id(char *s, int n) { (void)n; return s; }\n"
                      "void cp(char *d, const char *s) { strcpy(d, s); }\n"
                      "void sink(int unused, const char *c) { (void)unused; system(c); }\n"
                      "int len(const char *s) { return (int)strlen(s); }\n"
                      "int clamp(int n) { if (n < 0) return 0; if (n > 9) return 9; return n; }\n"
                      "static int yes(void) { return 1; }\n");
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "id"), 0);
    assert_int_equal(s.ret, 1u << 0);
    assert_int_equal(s.n_params, 2);
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "cp"), 0);
    assert_int_equal(s.out[0], 1u << 1);
    assert_int_equal(s.ret, 0);
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "sink"), 0);
    assert_int_equal(s.sink, 1u << 1);
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "len"), 0);
    assert_int_equal(s.ret, 1u << 0);
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "clamp"), 0);
    assert_int_equal(s.ret, 1u << 0); /* still derived from n, but bounded on every path */
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "yes"), 0);
    assert_true(s.const_ret);
    assert_int_equal(s.const_value, 1);
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "no_such_function"), -4);
    taint_fixture_done(&r);
}

static void test_taint_summaries_through_recursion(void **state)
{
    struct taint_fixture r;
    struct ecg_taint_summary s;
    (void)state;

    taint_fixture_run_with(
        &r,
        "void even(const char *c, int n);\n"
        "void odd(const char *c, int n) { if (n == 0) system(c); else even(c, n - 1); }\n"
        "void even(const char *c, int n) { if (n > 0) odd(c, n - 1); }\n"
        "char *pass(char *s, int n) { return n > 0 ? pass(s, n - 1) : s; }\n"
        "void top(void) { even(getenv(\"R\"), 4); }\n",
        NULL, ECG_TAINT_MASK(ECG_TAINT_COMMAND));
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "even"), 0);
    assert_int_equal(s.sink, 1u << 0);
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "odd"), 0);
    assert_int_equal(s.sink, 1u << 0);
    assert_int_equal(ecg_taint_summary_of(&s, r.t, "pass"), 0);
    assert_int_equal(s.ret, 1u << 0);
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    taint_fixture_done(&r);
}

static void test_taint_large_function_falls_back(void **state)
{
    size_t vars = 1500, ifs = 1500, cap = (vars + ifs) * 48 + 512, n = 0;
    char *source = malloc(cap);
    struct taint_fixture r;
    (void)state;

    assert_non_null(source);
    n += (size_t)snprintf(source + n, cap - n, "void f(int k) {\n char *c = getenv(\"X\");\n");
    for (size_t i = 0; i < vars; i++)
        n += (size_t)snprintf(source + n, cap - n, " int v%zu = k;\n", i);
    for (size_t i = 0; i < ifs; i++)
        n += (size_t)snprintf(source + n, cap - n, " if (k == %zu) v%zu++;\n", i, i % vars);
    snprintf(source + n, cap - n, " system(c);\n}\n");
    taint_fixture_run(&r, source);
    assert_non_null(taint_fixture_flow_to(&r, ECG_TAINT_COMMAND, "system"));
    taint_fixture_done(&r);
    free(source);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taint_source_to_sink_with_steps),
        cmocka_unit_test(test_taint_buffer_through_pointer_alias),
        cmocka_unit_test(test_taint_element_write_keeps_buffer_taint),
        cmocka_unit_test(test_taint_string_functions_copy_into_buffers),
        cmocka_unit_test(test_taint_memcpy_and_strdup),
        cmocka_unit_test(test_taint_struct_fields),
        cmocka_unit_test(test_taint_union_members_alias),
        cmocka_unit_test(test_taint_pointer_to_pointer),
        cmocka_unit_test(test_taint_through_return_value),
        cmocka_unit_test(test_taint_into_parameter_of_helper),
        cmocka_unit_test(test_taint_out_parameter_filled_by_callee),
        cmocka_unit_test(test_taint_copy_helper_uses_summary),
        cmocka_unit_test(test_taint_global_written_then_read),
        cmocka_unit_test(test_taint_function_pointer_call),
        cmocka_unit_test(test_taint_argv_of_main),
        cmocka_unit_test(test_taint_overwrite_kills),
        cmocka_unit_test(test_taint_allow_list_comparison_cleans),
        cmocka_unit_test(test_taint_bounds_from_comparisons),
        cmocka_unit_test(test_taint_arithmetic_flow_and_guard),
        cmocka_unit_test(test_taint_arithmetic_imaxabs_guard),
        cmocka_unit_test(test_taint_arithmetic_quotient_guard),
        cmocka_unit_test(test_taint_arithmetic_nonzero_guard),
        cmocka_unit_test(test_taint_constant_conditions_prune),
        cmocka_unit_test(test_taint_noreturn_ends_path),
        cmocka_unit_test(test_taint_integer_into_format_does_not_taint_string),
        cmocka_unit_test(test_taint_loops_and_branches_join),
        cmocka_unit_test(test_taint_one_flow_per_sink),
        cmocka_unit_test(test_taint_configured_source_sink_sanitizer),
        cmocka_unit_test(test_taint_summaries),
        cmocka_unit_test(test_taint_summaries_through_recursion),
        cmocka_unit_test(test_taint_large_function_falls_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
