#include <stdio.h>

/* A count typed by the user, incremented with no check against INT_MAX. */
int next_ticket(void)
{
    int last = 0;

    if (scanf("%d", &last) != 1)
        return -1;
    last++; // expect: security-integer-overflow {{increment can overflow: 'last' comes from standard input}}
    return last;
}

int pages_needed(void)
{
    int items = 0;
    int result;

    if (fscanf(stdin, "%d", &items) != 1)
        return 0;
    result = items + 9; // expect: security-integer-overflow {{no check bounds it above}}
    return result / 10;
}
