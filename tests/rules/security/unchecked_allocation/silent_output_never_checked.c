// A command-line tool that never checks printf or puts: the file gives no sign that these
// results matter, so none of the discarded calls is reported.
#include <stdio.h>

static void usage(const char *prog)
{
    printf("usage: %s [-v] FILE...\n", prog);
    puts("  -v  verbose output");
}

static void report(const char *path, long lines, long words)
{
    printf("%8ld %8ld %s\n", lines, words, path);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        report(argv[i], 0, 0);
    puts("done");
    return 0;
}
