#include <stdint.h>
#include <stdlib.h>
#include <string.h>

union slot {
    int64_t *as_int;
    int64_t *as_other;
};

struct pair {
    char *first;
    char *second;
};

void print_line(const char *line);

/* Stored in a member of a local union or struct, or through a pointer to a local: the block
 * is still the function's to free, and no copy of it is freed. */
void fill_slot(void)
{
    int64_t *data = (int64_t *)malloc(4 * sizeof(int64_t)); // expect: security-realloc-leak {{'data'}}
    union slot s;

    if (data == NULL)
        exit(-1);
    data[0] = 5;
    s.as_int = data;
    {
        int64_t *view = s.as_other;
        view[1] = data[0];
    }
}

void fill_pair(const char *text)
{
    struct pair p;
    char *copy = strdup(text); // expect: security-realloc-leak {{'copy'}}

    if (copy == NULL)
        return;
    p.first = copy;
    p.second = NULL;
    print_line(p.first);
}

void fill_through_alias(void)
{
    char *data = NULL;
    char **first = &data;
    char **second = &data;
    {
        char *fresh = *first;
        fresh = (char *)calloc(100, sizeof(char)); // expect: security-realloc-leak {{'fresh'}}
        if (fresh == NULL)
            exit(-1);
        strcpy(fresh, "A String");
        *first = fresh;
    }
    {
        char *again = *second;
        print_line(again);
    }
}
