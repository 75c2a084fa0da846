#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* A generated name is harmless when the creation refuses an existing file. */
int scratch_fd(void)
{
    char tmpl[] = "fnXXXXXX";
    char *filename = mktemp(tmpl);

    if (filename == NULL)
        exit(1);
    return open(filename, O_RDWR | O_CREAT | O_EXCL, S_IREAD | S_IWRITE);
}

FILE *report_file(void)
{
    char *name = tempnam("/tmp", "rpt");
    FILE *f;

    if (name == NULL)
        return NULL;
    f = fopen(name, "wx");
    free(name);
    return f;
}
