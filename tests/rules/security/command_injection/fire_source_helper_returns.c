#include <stdlib.h>
#include <string.h>

#define FULL_COMMAND "ls "

/* Juliet's "source in a helper that returns the buffer" shape. */
static char *bad_source(char *data)
{
    size_t len = strlen(data);
    char *environment = getenv("ADD");

    if (environment != NULL)
        strncat(data + len, environment, 100 - len - 1);
    return data;
}

void list_with_extra_arguments(void)
{
    char *data;
    char data_buf[100] = FULL_COMMAND;

    data = data_buf;
    data = bad_source(data);
    if (system(data) != 0) // expect: security-command-injection {{environment}}
        exit(1);
}

static char *read_editor(void)
{
    return getenv("EDITOR");
}

void edit(const char *file)
{
    char cmd[512] = "";
    char *editor = read_editor();

    strcat(cmd, editor);
    strcat(cmd, " ");
    strcat(cmd, file);
    system(cmd); // expect: security-command-injection
}
