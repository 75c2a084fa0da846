#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lengths of strings in memory, added a few times: they cannot reach SIZE_MAX. */
static int short_len(const char *z)
{
    return 0x3fffffff & (int)strlen(z);
}

char *join_path(const char *dir, const char *name)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);

    if (path != NULL)
        snprintf(path, strlen(dir) + strlen(name) + 2, "%s/%s", dir, name);
    return path;
}

char *copy_line(FILE *in)
{
    char line[256];
    char *copy;
    int n;

    if (fgets(line, sizeof line, in) == NULL)
        return NULL;
    n = short_len(line);
    copy = malloc((size_t)n + 1);
    if (copy != NULL)
        memcpy(copy, line, n + 1);
    return copy;
}

int main(int argc, char **argv)
{
    char *p;

    if (argc < 3)
        return 1;
    p = join_path(argv[1], argv[2]);
    free(p);
    return 0;
}
