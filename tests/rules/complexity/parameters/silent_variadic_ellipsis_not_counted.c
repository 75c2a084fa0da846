// ecg-options: {"threshold": 2}
/* '...' is not a parameter: 2, not more than 2. */
#include <stdarg.h>

int sum(int n, int first, ...)
{
    va_list ap;
    int s = first;
    va_start(ap, first);
    for (int i = 1; i < n; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}
