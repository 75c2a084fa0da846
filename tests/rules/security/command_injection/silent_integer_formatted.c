#include <stdio.h>
#include <stdlib.h>

/* A number read from the user cannot carry shell syntax once formatted with %d. */
int stop_process(void)
{
    char line[32];
    char cmd[64];
    int pid;

    if (fgets(line, sizeof line, stdin) == NULL)
        return -1;
    pid = atoi(line);
    snprintf(cmd, sizeof cmd, "kill -TERM %d", pid);
    return system(cmd);
}
