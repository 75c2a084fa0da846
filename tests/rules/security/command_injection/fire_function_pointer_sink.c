#include <stdio.h>
#include <stdlib.h>

static void bad_sink(char *data)
{
    FILE *pipe = popen(data, "w"); // expect: security-command-injection {{'popen'}}

    if (pipe != NULL)
        pclose(pipe);
}

/* The sink is called through a function pointer set once. */
void bad(void)
{
    void (*sink)(char *) = bad_sink;
    char *data = getenv("CMD");

    if (data != NULL)
        sink(data);
}
