#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Only commands from a fixed list are run. */
int run_named(void)
{
    char *name = getenv("TOOL");

    if (name == NULL)
        return -1;
    if (strcmp(name, "uptime") == 0 || strcmp(name, "df") == 0)
        return system(name);
    return -1;
}

int run_mode(const char *mode)
{
    char cmd[64];

    if (strcmp(mode, "fast") != 0 && strcmp(mode, "slow") != 0) {
        fprintf(stderr, "bad mode\n");
        exit(2);
    }
    snprintf(cmd, sizeof cmd, "make %s", mode);
    return system(cmd);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return run_mode(argv[1]);
    return run_named();
}
