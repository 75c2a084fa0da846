#include <stdio.h>
#include <stdlib.h>

/* A positive count typed at the terminal and doubled: the check only bounds it below. */
void print_doubled(void)
{
    char line[64];
    int count = 0;

    if (fgets(line, sizeof line, stdin) == NULL)
        return;
    count = atoi(line);
    if (count > 0) {
        int doubled = count * 2; // expect: security-integer-overflow {{multiplication can overflow}}
        printf("%d\n", doubled);
    }
}

/* A negative offset read from standard input, moved further down. */
int main(void)
{
    long delta;

    if (scanf("%ld", &delta) != 1)
        return 1;
    if (delta < 0) {
        long twice = delta * 2; // expect: security-integer-overflow {{no check bounds it below}}
        printf("%ld\n", twice);
    }
    return 0;
}
