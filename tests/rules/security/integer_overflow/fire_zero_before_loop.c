#include <stddef.h>

/* The loop never changes n: it is still zero when n - 1 runs. */
int last_of(const int *v, size_t len)
{
    size_t n = 0;
    int sum = 0;

    for (size_t i = 0; i < len; i++)
        sum += v[i];
    return sum + v[n - 1]; // expect: security-integer-overflow {{this subtraction wraps}}
}

/* The loop's only change to level is the decrement itself: its first run starts at zero. */
void drain(unsigned *out, int rounds)
{
    unsigned level = 0;

    for (int i = 0; i < rounds; i++) {
        level--; // expect: security-integer-overflow {{wraps below the minimum}}
        out[i] = level;
    }
}
