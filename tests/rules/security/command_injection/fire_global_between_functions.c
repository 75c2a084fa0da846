#include <stdlib.h>
#include <string.h>

/* Juliet's global-variable shape: the source function stores the data in a file-scope
 * variable and calls the sink function, which reads it back. */
static char *bad_data;
static char *good_data;

static void bad_sink(void)
{
    char *data = bad_data;

    if (system(data) != 0) // expect: security-command-injection {{environment}}
        exit(1);
}

void bad(void)
{
    char *data;
    char data_buf[100] = "ls ";

    data = data_buf;
    {
        size_t len = strlen(data);
        char *environment = getenv("ADD");
        if (environment != NULL)
            strncat(data + len, environment, 100 - len - 1);
    }
    bad_data = data;
    bad_sink();
}

static void good_sink(void)
{
    char *data = good_data;

    if (system(data) != 0)
        exit(1);
}

void good(void)
{
    char *data;
    char data_buf[100] = "ls ";

    data = data_buf;
    strcat(data, "*.*");
    good_data = data;
    good_sink();
}
