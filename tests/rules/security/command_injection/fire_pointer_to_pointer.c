#include <stdlib.h>
#include <string.h>

/* The buffer is reached through two pointers to the same pointer. */
void run_through_aliases(void)
{
    char *data;
    char **first = &data;
    char **second = &data;
    char data_buf[100] = "ls ";

    data = data_buf;
    {
        char *d = *first;
        size_t len = strlen(d);
        char *environment = getenv("ADD");
        if (environment != NULL)
            strncat(d + len, environment, 100 - len - 1);
        *first = d;
    }
    {
        char *d = *second;
        system(d); // expect: security-command-injection
    }
}
