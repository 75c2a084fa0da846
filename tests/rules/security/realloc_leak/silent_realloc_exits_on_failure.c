#include <stdio.h>
#include <stdlib.h>

_Noreturn void die(const char *why);
__attribute__((noreturn)) void fatal_oom(size_t n);

/* The process ends when realloc fails, so the old block is not leaked for long. */
char **grow_args(char **argv, size_t n)
{
    argv = realloc(argv, n * sizeof(*argv));
    if (argv == NULL) {
        perror("realloc");
        exit(1);
    }
    return argv;
}

int *grow_ints(int *v, size_t n)
{
    if ((v = realloc(v, n * sizeof(*v))) == NULL)
        abort();
    return v;
}

double *grow_doubles(double *v, size_t n)
{
    v = realloc(v, n * sizeof(*v));
    if (!v)
        die("out of memory");
    return v;
}

char *grow_text(char *t, size_t n)
{
    t = realloc(t, n);
    if (t == NULL)
        fatal_oom(n);
    return t;
}
