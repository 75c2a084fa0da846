#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* The stat runs only on the error path, which returns: it cannot reach the truncate. */
int load_journal(const char *path, long valid)
{
    FILE *fp = fopen(path, "r");
    struct stat sb;

    if (fp == NULL) {
        if (stat(path, &sb) == 0 || errno != ENOENT)
            perror("journal");
        return -1;
    }
    fclose(fp);
    if (valid >= 0 && truncate(path, valid) == -1)
        return -1;
    return 0;
}
