#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fixed versions: each operand is compared with the limit it moves toward. */
void add_checked(void)
{
    int data = 0;

    if (fscanf(stdin, "%d", &data) != 1)
        return;
    if (data < INT_MAX) {
        int result = data + 1;
        printf("%d\n", result);
    }
}

void double_checked(void)
{
    int data = 0;

    if (fscanf(stdin, "%d", &data) != 1)
        return;
    if (data > 0 && data < INT_MAX / 2) {
        int result = data * 2;
        printf("%d\n", result);
    }
}

void square_checked(void)
{
    char data = (char)rand();

    if (abs((long)data) <= (long)sqrt((double)CHAR_MAX)) {
        char result = data * data;
        printf("%d\n", result);
    }
}

void decrement_checked(void)
{
    unsigned int data = 0;

    if (fscanf(stdin, "%u", &data) != 1)
        return;
    if (data > 0) {
        data--;
        printf("%u\n", data);
    }
}

void early_return(void)
{
    int n = 0;

    if (scanf("%d", &n) != 1 || n < 0 || n > 1000)
        return;
    printf("%d\n", n * 3 + 1);
}

void square_checked_wide(void)
{
    long long data = 0;

    if (fscanf(stdin, "%lld", &data) != 1)
        return;
    if (data > LLONG_MIN && imaxabs((intmax_t)data) <= sqrtl(LLONG_MAX)) {
        long long result = data * data;
        printf("%lld\n", result);
    }
}

void skip_stars(const char *pattern)
{
    int len = 0;

    if (scanf("%d", &len) != 1)
        return;
    while (len && pattern[0] == '*') {
        pattern++;
        len--;
    }
    printf("%d\n", len);
}

size_t strip_newline(char *buf, size_t size)
{
    size_t len;

    if (fgets(buf, (int)size, stdin) == NULL)
        return 0;
    len = strlen(buf);
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    if (len == 0 || buf[len - 1] != ' ')
        return len;
    return len - 1;
}

void fill(char *out)
{
    int count = 0;

    if (scanf("%d", &count) != 1)
        return;
    while (count--)
        *out++ = 'x';
}
