#include <stdio.h>
#include <stdlib.h>

/* A byte read from the input, incremented and stored back into a char. */
void next_char(void)
{
    char c;

    if (fscanf(stdin, "%c", &c) != 1)
        return;
    {
        char up = c + 1; // expect: security-integer-overflow {{addition can overflow}}
        putchar(up);
    }
}

/* A random byte squared into a char. */
char noisy_square(void)
{
    char data = (char)rand();
    char sq = data * data; // expect: security-integer-overflow {{random number generator}}

    return sq;
}
