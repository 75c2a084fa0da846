// fopen returns NULL when the file cannot be opened; the stdio calls then dereference it.
#include <stdio.h>
#include <stdlib.h>

void write_report(const char *path, int total)
{
    FILE *out = fopen(path, "w");
    fprintf(out, "total=%d\n", total); // expect: security-unchecked-allocation {{'fopen'}}
    fclose(out);
}

void touch(void)
{
    FILE *data = NULL;
    data = fopen("file.txt", "w+");
    fclose(data); // expect: security-unchecked-allocation {{passed to 'fclose'}}
}

void print_name(const char *name)
{
    char *copy = NULL;
    FILE *log = tmpfile();
    if (log == NULL)
        return;
    copy = (char *)calloc(64, 1);
    fprintf(log, "%d %s\n", 1, copy); // expect: security-unchecked-allocation {{'fprintf'}}
    fclose(log);
    (void)name;
}
