#include <limits.h>
#include <stdio.h>

/* A small constant in place of the input, and a limit that is overwritten before use. */
void small_value(void)
{
    int data = 2;
    int result = data * data;

    printf("%d\n", result);
}

void limit_then_reset(void)
{
    int lowest = INT_MAX;
    int values[4] = { 3, 1, 4, 1 };

    for (int i = 0; i < 4; i++) {
        if (values[i] < lowest)
            lowest = values[i];
    }
    lowest = values[0];
    printf("%d\n", lowest + 1);
}

void limit_checked(void)
{
    unsigned int left = 0;

    if (left > 0)
        left--;
    printf("%u\n", left);
}

void char_widened(void)
{
    char c = CHAR_MAX;
    int wide = c + 1;

    printf("%d\n", wide);
}

void pad(const char *str, char *out)
{
    unsigned long len = 0;

    if (str[0] != '\0')
        len = 4;
    for (; len && *str; len--)
        *out++ = *str++;
}
