#include <stdlib.h>

_Noreturn void die(const char *why);
static void log_oom(void);

struct digits {
    signed char *a;
    int n;
    int oom;
};

/* On failure these return or carry on: the old block is lost. A helper that only logs does
 * not end the process. */
void digits_extend(struct digits *p, int extra)
{
    p->a = realloc(p->a, (size_t)(p->n + extra)); // expect: security-realloc-leak {{'a' is overwritten}}
    if (p->a == NULL) {
        p->oom = 1;
        return;
    }
    p->n += extra;
}

static void log_oom(void)
{
    (void)0;
}

char *grow_line(char *zLine, size_t n)
{
    zLine = realloc(zLine, n); // expect: security-realloc-leak {{'zLine'}}
    if (zLine == NULL)
        log_oom();
    return zLine;
}

char *shrink(char *z, size_t n)
{
    z = realloc(z, n + 1); // expect: security-realloc-leak {{'z'}}
    return z;
}

/* NULL only on the first pass: from the second on, a failure loses the block. */
int collect(int (*next)(void), int **out)
{
    int *items = NULL;
    size_t n = 0;
    int v;

    while ((v = next()) >= 0) {
        items = realloc(items, (n + 1) * sizeof(*items)); // expect: security-realloc-leak {{'items'}}
        if (items == NULL)
            return -1;
        items[n++] = v;
    }
    *out = items;
    return (int)n;
}

/* A static buffer is NULL only on the first call. */
const char *render_int(long v)
{
    static char *z = NULL;
    static size_t alloced = 0;

    if (alloced < 64) {
        alloced = 64;
        z = realloc(z, alloced); // expect: security-realloc-leak {{'z'}}
    }
    if (z == NULL)
        return "";
    z[0] = (char)('0' + v % 10);
    z[1] = '\0';
    return z;
}
