#include <stdlib.h>
#include <string.h>

union slot {
    char *as_text;
    char *as_other;
};

struct pair {
    char *first;
    char *second;
};

void pair_consume(struct pair p);
void print_line(const char *line);

/* The correct versions: the block is freed through the union's other member, through the
 * struct member, through a pointer to the local, or the struct is handed on. */
void slot_release(void)
{
    char *data = malloc(10);
    union slot s;

    if (data == NULL)
        exit(1);
    s.as_text = data;
    {
        char *view = s.as_other;
        free(view);
    }
}

void pair_release(const char *text)
{
    struct pair p;
    char *copy = strdup(text);

    p.first = copy;
    p.second = NULL;
    print_line(p.first);
    free(p.first);
}

void pair_hand_on(const char *text)
{
    struct pair p;

    p.first = strdup(text);
    p.second = strdup(text);
    pair_consume(p);
}

void alias_release(void)
{
    char *data = NULL;
    char **first = &data;
    char **second = &data;
    {
        char *fresh = (char *)calloc(100, 1);
        if (fresh == NULL)
            exit(-1);
        *first = fresh;
    }
    {
        char *again = *second;
        free(again);
    }
}
