#include <stdio.h>
#include <stdlib.h>

/* A pager chosen by the user's environment, run through the shell. */
int show_file(const char *path)
{
    char cmd[512];
    const char *pager = getenv("PAGER");

    if (pager == NULL)
        pager = "less";
    snprintf(cmd, sizeof cmd, "%s %s", pager, path);
    return system(cmd); // expect: security-command-injection {{built from the environment}}
}

void run_hook(void)
{
    char *hook = getenv("POST_HOOK");

    if (hook != NULL)
        system(hook); // expect: security-command-injection {{'system' runs a shell command}}
}
