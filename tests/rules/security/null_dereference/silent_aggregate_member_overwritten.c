// The member read is not the one that holds NULL, the aggregate was overwritten or handed
// to a function that may fill it, or the element index is not known: nothing is reported.
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct pair {
    char *first;
    char *second;
};

void fill_pair(struct pair *p);

size_t other_member(char *name)
{
    struct pair p;
    char *missing = NULL;
    p.second = missing;
    p.first = name;
    char *s = p.first;
    return strlen(s);
}

size_t filled_later(void)
{
    struct pair p;
    char *missing = NULL;
    p.first = missing;
    fill_pair(&p);
    char *s = p.first;
    return strlen(s);
}

void other_slot(char *name, int k)
{
    char *slots[4];
    char *none = NULL;
    slots[1] = none;
    slots[2] = name;
    char *got = slots[2];
    puts(got);
    slots[k] = none;
    got = slots[2];
    puts(got);
}
