// NULL set on a branch a variable decides, and the use guarded by the same variable (or
// by a test of the pointer): the paths are correlated, and the rule does not guess.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct entry {
    int key;
};

int pick_key(int have_entry, struct entry *given)
{
    struct entry *e;
    if (!have_entry) {
        e = NULL;
    } else {
        e = given;
    }
    if (have_entry) {
        return e->key;
    }
    return 0;
}

int pick_checked(void)
{
    struct entry fallback = { 7 };
    struct entry *e;
    if (rand() % 2) {
        e = NULL;
    } else {
        e = &fallback;
    }
    if (e != NULL)
        return e->key;
    return 0;
}

void print_flagged(const char *fallback)
{
    const char *text = fallback;
    int quiet = 0;
    if (rand() > 100) {
        text = NULL;
        quiet = 1;
    }
    if (!quiet)
        puts(text);
}
