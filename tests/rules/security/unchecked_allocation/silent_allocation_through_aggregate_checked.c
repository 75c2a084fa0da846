// An allocation stored in a local union or struct is checked before its use, or the member
// read back is not the one that holds it.
#include <stdlib.h>
#include <string.h>

union buffer {
    char *chars;
    unsigned char *bytes;
};

struct job {
    char *name;
    char *label;
};

void make_buffer(void)
{
    char *data = malloc(32);
    union buffer u;
    if (data == NULL)
        return;
    u.chars = data;
    {
        char *b = u.chars;
        strcpy(b, "ready");
    }
    free(data);
}

void make_job(char *label)
{
    struct job j;
    char *name = strdup("worker");
    j.name = name;
    j.label = label;
    char *l = j.label;
    l[0] = 'W';
    free(name);
}
