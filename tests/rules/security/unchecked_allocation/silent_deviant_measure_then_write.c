// Measure, then write: the first vsnprintf/snprintf asks for the length (and is tested), the
// second writes into a buffer sized from that length, so its result is known beforehand and
// there is nothing to test. Both the null-buffer and the small-buffer forms of the idiom.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

char *format_alloc(const char *fmt, ...)
{
    va_list ap, again;
    char *s;
    int n;

    va_start(ap, fmt);
    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(again);
        return NULL;
    }
    s = malloc((size_t)n + 1);
    if (s != NULL)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

char *label_for(const char *name, int id)
{
    char small[32];
    int len = snprintf(small, sizeof small, "%s#%d", name, id);
    char *big;

    if (len < 0)
        return NULL;
    big = malloc((size_t)len + 1);
    if (big == NULL)
        return NULL;
    snprintf(big, (size_t)len + 1, "%s#%d", name, id);
    return big;
}
