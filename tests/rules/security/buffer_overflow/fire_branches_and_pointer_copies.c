#include <string.h>

int pick(void);

/* The destination is chosen by a branch, then reached through a copy of the pointer. */
void store_line(void)
{
    char *data;
    char small[50];
    char big[100];
    char source[100];

    if (pick())
        data = small;
    else
        data = big;
    memset(source, 'C', 99);
    source[99] = '\0';
    {
        char *alias = data;

        memmove(alias, source, sizeof(source)); // expect: security-buffer-overflow {{room for 50}}
    }
}
