/* Helpers of the SARIF read, merge and diff tests; see sarif_logs.h. The failing allocator
 * keeps its count in a file-scope variable because cJSON's hooks take no context. */
#include "tests/support/sarif_logs.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "sarif/cli.h"
#include "sarif/read.h"
#include "tests/support/testkit.h"

/* s with every ' turned into ", as a new string. */
static char *dq(const char *s)
{
    char *out = strdup(s);

    assert_non_null(out);
    for (char *p = out; *p != '\0'; p++) {
        if (*p == '\'')
            *p = '"';
    }
    return out;
}

int sarif_logs_read(struct sarif_doc **out, const char *text, const char *origin,
                    struct ecg_diag *diag)
{
    char *json = dq(text);
    int rc;

    ecg_diag_clear(diag);
    rc = sarif_read_text(out, json, strlen(json), origin, diag);
    free(json);
    return rc;
}

struct sarif_doc *sarif_logs_read_ok(const char *text, const char *origin)
{
    struct sarif_doc *doc = NULL;
    struct ecg_diag diag;

    if (sarif_logs_read(&doc, text, origin, &diag) != 0)
        fail_msg("%s:%u:%u: %s", origin, diag.line, diag.col, diag.message);
    return doc;
}

void sarif_logs_write(char *path, size_t size, const char *dir, const char *name, const char *text)
{
    char *json = dq(text);

    testkit_write_in(path, size, dir, name, json);
    free(json);
}

void sarif_logs_expect_diag(const struct ecg_diag *diag, const char *path, unsigned line,
                            unsigned col, const char *needle)
{
    assert_string_equal(diag->path, path);
    if (strstr(diag->message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", diag->message, needle);
    assert_int_equal(diag->line, line);
    assert_int_equal(diag->col, col);
}

/* While >= 0, the number of cJSON allocations left to succeed. Test-only state. */
static long fail_after = -1;

static void *failing_malloc(size_t size)
{
    if (fail_after == 0)
        return NULL;
    if (fail_after > 0)
        fail_after--;
    return malloc(size);
}

void sarif_logs_fail_allocations_after(long n)
{
    cJSON_Hooks hooks = { failing_malloc, free };

    fail_after = n;
    cJSON_InitHooks(&hooks);
}

void sarif_logs_restore_allocator(void)
{
    fail_after = -1;
    cJSON_InitHooks(NULL);
}

int sarif_logs_run_cli(char **out, char **err, char **argv)
{
    size_t out_len = 0;
    size_t err_len = 0;
    FILE *fo = open_memstream(out, &out_len);
    FILE *fe = open_memstream(err, &err_len);
    int argc = 0;
    int code;

    assert_non_null(fo);
    assert_non_null(fe);
    while (argv[argc] != NULL)
        argc++;
    code = sarif_cli_run(argc, argv, fo, fe);
    assert_int_equal(fclose(fo), 0);
    assert_int_equal(fclose(fe), 0);
    return code;
}
