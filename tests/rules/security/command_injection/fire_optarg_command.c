#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The -x option names a command to run after the job. */
int main(int argc, char **argv)
{
    const char *after = NULL;
    int c;

    while ((c = getopt(argc, argv, "x:")) != -1) {
        if (c == 'x')
            after = optarg;
    }
    if (after != NULL)
        return system(after); // expect: security-command-injection {{command line}}
    return 0;
}
