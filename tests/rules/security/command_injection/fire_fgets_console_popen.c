#include <stdio.h>
#include <string.h>

/* Reads a file name pattern from the console and lists matching files with the shell. */
int list_matching(void)
{
    char data[100] = "ls ";
    char line[256];
    size_t len = strlen(data);
    FILE *pipe;

    if (100 - len > 1) {
        if (fgets(data + len, (int)(100 - len), stdin) != NULL) {
            len = strlen(data);
            if (len > 0 && data[len - 1] == '\n')
                data[len - 1] = '\0';
        } else {
            data[len] = '\0';
        }
    }
    pipe = popen(data, "r"); // expect: security-command-injection {{from standard input}}
    if (pipe == NULL)
        return -1;
    while (fgets(line, sizeof line, pipe) != NULL)
        fputs(line, stdout);
    return pclose(pipe);
}
