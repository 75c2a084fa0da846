// An allocation not checked, stored in a local union or struct and read back, is still the
// unchecked result of the allocation.
#include <stdlib.h>
#include <string.h>

union buffer {
    char *chars;
    unsigned char *bytes;
};

struct job {
    char *name;
    int id;
};

void make_buffer(void)
{
    char *data = malloc(32);
    union buffer u;
    u.chars = data;
    {
        char *b = u.chars;
        strcpy(b, "ready"); // expect: security-unchecked-allocation {{the result of 'malloc'}}
    }
    free(data);
}

void make_job(void)
{
    struct job j;
    char *name = strdup("worker");
    j.name = name;
    j.id = 1;
    char *n = j.name;
    n[0] = 'W'; // expect: security-unchecked-allocation {{the result of 'strdup'}}
    free(name);
}
