// A failed test that ends in a call that does not return is a check: assert (when compiled
// in), abort, a project's own panic function declared noreturn or _Noreturn, and an
// assertion macro built on __builtin_expect.
#include <assert.h>
#include <stdlib.h>
#include <string.h>

void fatal(const char *what) __attribute__((noreturn));
_Noreturn void out_of_memory(size_t n);
void report_assert(const char *expr, const char *file, int line) __attribute__((noreturn));

#define likely(x) __builtin_expect(!!(x), 1)
#define ensure(e) (likely(e) ? (void)0 : report_assert(#e, __FILE__, __LINE__))

char *with_assert(size_t n)
{
    char *p = malloc(n + 1);
    assert(p != NULL);
    p[0] = '\0';
    return p;
}

char *with_abort(size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        abort();
    p[n] = '\0';
    return p;
}

char *with_panic(const char *s)
{
    char *copy = strdup(s);
    if (copy == NULL)
        fatal("strdup");
    copy[0] = 'x';
    return copy;
}

void *with_oom_handler(size_t n)
{
    int *p = calloc(n, sizeof(int));
    if (!p)
        out_of_memory(n);
    p[0] = 1;
    return p;
}

char *with_macro(size_t n)
{
    char *p = malloc(n);
    ensure(p != NULL);
    memset(p, 0, n);
    return p;
}
