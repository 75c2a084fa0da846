// A NULL pointer stored in a member of a local union, struct or array and read back from it
// (the same member, or another member of the union) is still NULL.
#include <stddef.h>
#include <stdio.h>
#include <string.h>

union view {
    char *text;
    unsigned char *bytes;
};

struct pair {
    char *first;
    char *second;
};

size_t view_length(void)
{
    char *data = NULL;
    union view v;
    v.text = data;
    {
        unsigned char *b = v.bytes;
        return b[0]; // expect: security-null-dereference {{'b' is NULL here}}
    }
}

size_t pair_length(char *name)
{
    struct pair p;
    char *missing = NULL;
    p.first = name;
    p.second = missing;
    char *s = p.second;
    return strlen(s); // expect: security-null-dereference {{passed to 'strlen'}}
}

void print_slot(void)
{
    char *slots[4];
    char *none = NULL;
    slots[2] = none;
    char *got = slots[2];
    puts(got); // expect: security-null-dereference {{'got' is NULL here}}
}
