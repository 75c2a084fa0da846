// Results that are looked at, or discarded on purpose with a (void) cast; output calls are
// not reported unless check_output is set.
#include <stdio.h>
#include <stdlib.h>

int read_line(char *buf, int size, FILE *in)
{
    if (fgets(buf, size, in) == NULL)
        return -1;
    return 0;
}

size_t load(int *values, size_t n, FILE *in)
{
    size_t got = fread(values, sizeof(int), n, in);
    return got;
}

void cleanup(const char *path)
{
    (void)remove(path);
}

void report(FILE *out, int total)
{
    fprintf(out, "total=%d\n", total);
    fputs("done\n", out);
    puts("bye");
    fclose(out);
}

int parse(const char *text)
{
    int v = 0;
    while (sscanf(text, "%d", &v) != 1)
        return -1;
    return v;
}
