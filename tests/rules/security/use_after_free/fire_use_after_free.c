#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
    int id;
    char *name;
};

/* Logging the record after releasing it: every shape of read through a freed block. */
void item_drop(struct item *it)
{
    free(it);
    printf("dropped %d\n", it->id); // expect: security-use-after-free {{'it' is dereferenced after it was freed at line 13}}
}

size_t name_drop(char *name)
{
    free(name);
    return strlen(name); // expect: security-use-after-free {{'name' is passed to 'strlen' after it was freed}}
}

int first_digit(int *digits)
{
    free(digits);
    return digits[0]; // expect: security-use-after-free {{'digits' is dereferenced}}
}

void log_name(const char *name);

void item_rename(struct item *it, const char *to)
{
    char *old = it->name;

    it->name = strdup(to);
    free(old);
    log_name(old); // expect: security-use-after-free {{'old' is passed to 'log_name'}}
}
