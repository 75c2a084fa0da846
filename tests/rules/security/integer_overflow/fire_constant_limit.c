#include <limits.h>
#include <stdio.h>

/* A sentinel at the top of the range, then arithmetic on it. */
void bump_sentinel(void)
{
    int best = INT_MAX;
    int next = best + 1; // expect: security-integer-overflow {{'best' holds the largest value}}

    printf("%d\n", next);
}

void countdown(int go)
{
    unsigned int left = 0;

    if (go)
        left--; // expect: security-integer-overflow {{decrement wraps below the minimum}}
    printf("%u\n", left);
}

void short_square(void)
{
    short s = SHRT_MAX;
    short sq = s * s; // expect: security-integer-overflow {{multiplication overflows}}

    printf("%d\n", sq);
}

void chosen_branch(int fast)
{
    long long data;

    if (fast)
        data = LLONG_MAX;
    else
        data = 2;
    data++; // expect: security-integer-overflow {{'data' holds the largest value}}
    printf("%lld\n", data);
}
