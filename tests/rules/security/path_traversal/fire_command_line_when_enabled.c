// ecg-options: {"sources": ["argv", "environment"]}
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A setuid helper: the caller is less privileged than the program, so its command line
 * and environment are untrusted, and the project says so in the options. */
int main(int argc, char **argv)
{
    const char *log = getenv("HELPER_LOG");
    FILE *fp;

    if (argc < 2)
        return 2;
    if (log != NULL)
        truncate(log, 0); // expect: security-path-traversal {{from the environment}}
    fp = fopen(argv[1], "a"); // expect: security-path-traversal {{from the command line}}
    if (fp == NULL)
        return 1;
    fputs("done\n", fp);
    fclose(fp);
    return 0;
}
