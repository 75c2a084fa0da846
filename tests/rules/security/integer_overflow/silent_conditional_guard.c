#include <stddef.h>

/* The `?:` condition guards its arm as an if statement would. */
int last_or_zero(const int *v, size_t len)
{
    size_t n = 0;

    if (len > 4)
        return v[4];
    return n > 0 ? v[n - 1] : 0;
}

int below_or_same(int x)
{
    int floor = -2147483647 - 1;

    return floor != x ? floor : floor + 1;
}
