// NULL handed to a function that reads through its argument: a C library function, a
// function of the file that dereferences the parameter on every call, or one reached through
// a local function pointer.
#include <stddef.h>
#include <string.h>

struct item {
    int id;
    int weight;
};

static int item_weight(const struct item *it)
{
    return it->weight * 2;
}

static void print_id(const struct item *it)
{
    int id = it->id;
    (void)id;
}

int total_weight(int with_extra)
{
    struct item *extra = NULL;
    int sum = 10;
    if (with_extra)
        sum += 1;
    sum += item_weight(extra); // expect: security-null-dereference {{passed to 'item_weight'}}
    return sum;
}

void show_missing(void)
{
    void (*show)(const struct item *) = print_id;
    struct item *missing;
    missing = NULL;
    show(missing); // expect: security-null-dereference {{passed to 'print_id'}}
}

int compare_with_nothing(const char *name)
{
    const char *other = NULL;
    return strcmp(name, other); // expect: security-null-dereference {{passed to 'strcmp'}}
}
