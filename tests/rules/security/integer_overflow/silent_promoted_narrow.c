#include <stdio.h>

/* Narrow values promoted to int: the arithmetic cannot overflow, and the result is kept
 * in an int. */
int next_code(void)
{
    char c;
    short s;
    int twice;

    if (scanf("%c %hd", &c, &s) != 2)
        return 0;
    twice = s * 2;
    return c + 1 + twice / 4;
}
