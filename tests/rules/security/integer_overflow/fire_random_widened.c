#include <stdio.h>
#include <stdlib.h>

/* Three rand() results shifted together: the value covers all 32 bits. */
#define WIDE_RAND() ((unsigned)rand() << 30 ^ (unsigned)rand() << 15 ^ (unsigned)rand())

void print_next(void)
{
    int data = (int)WIDE_RAND();
    int next = data + 1; // expect: security-integer-overflow {{random number generator}}

    printf("%d\n", next);
}

void print_scaled(void)
{
    long long seed = ((long long)rand() << 32) | rand();

    printf("%lld\n", seed * 2); // expect: security-integer-overflow {{random number generator}}
}
