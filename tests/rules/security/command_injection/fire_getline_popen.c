#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs each line of a script file as a shell pipeline. */
int run_script(FILE *script)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    while ((n = getline(&line, &cap, script)) > 0) {
        FILE *p;
        if (line[n - 1] == '\n')
            line[n - 1] = '\0';
        p = popen(line, "r"); // expect: security-command-injection {{from a file}}
        if (p != NULL)
            pclose(p);
    }
    free(line);
    return 0;
}
