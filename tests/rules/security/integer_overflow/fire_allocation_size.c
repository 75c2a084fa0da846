#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record {
    int id;
    char name[32];
};

/* An element count read from a file sizes the allocation (CWE-680). */
struct record *read_records(FILE *in)
{
    size_t n = 0;
    struct record *rs;

    if (fscanf(in, "%zu", &n) != 1)
        return NULL;
    rs = malloc(n * sizeof(*rs)); // expect: security-integer-overflow {{sizes 'malloc'}}
    if (rs == NULL)
        return NULL;
    memset(rs, 0, sizeof(*rs));
    return rs;
}

/* On 64-bit targets an unsigned int times a size_t cannot overflow; a size_t count can. */
char *join_lines(FILE *in)
{
    size_t count = 0;

    if (fscanf(in, "%zu", &count) != 1)
        return NULL;
    return malloc(count + 1); // expect: security-integer-overflow {{sizes 'malloc'}}
}
