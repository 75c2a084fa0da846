#include <stdio.h>
#include <unistd.h>

/* A launcher that executes whatever program the first argument names. */
int main(int argc, char *argv[])
{
    char *args[] = { NULL, "--quiet", NULL };

    if (argc < 2) {
        fprintf(stderr, "usage: %s program\n", argv[0]);
        return 2;
    }
    args[0] = argv[1];
    execv(argv[1], args); // expect: security-command-injection {{executes a program whose path comes from the command line}}
    perror("execv");
    return 1;
}
