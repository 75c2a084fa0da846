#include <stdio.h>
#include <stdlib.h>

/* Out-of-memory helpers defined in the same file end the process. */
static void out_of_memory(void)
{
    fputs("Error: out of memory\n", stderr);
    exit(1);
}

static void check_oom(const void *p)
{
    if (p == NULL)
        out_of_memory();
}

static void die(const char *why)
{
    fprintf(stderr, "%s\n", why);
    abort();
}

struct text {
    char *z;
    size_t n;
    size_t alloc;
};

void text_append(struct text *t, char c)
{
    if (t->n + 1 >= t->alloc) {
        t->alloc = t->alloc * 2 + 16;
        t->z = realloc(t->z, t->alloc);
        check_oom(t->z);
    }
    t->z[t->n++] = c;
}

int *grow(int *v, size_t n)
{
    v = realloc(v, n * sizeof(*v));
    if (v == NULL)
        die("out of memory");
    return v;
}
