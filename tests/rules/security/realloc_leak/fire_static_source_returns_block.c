#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void print_wide(const wchar_t *line);

/* A static function that always returns a fresh block is an allocator for its callers. */
static wchar_t *make_label(wchar_t *label)
{
    label = (wchar_t *)calloc(16, sizeof(wchar_t));
    if (label == NULL)
        exit(-1);
    wcscpy(label, L"label");
    return label;
}

static int *make_counts(size_t n)
{
    if (n == 0)
        return NULL;
    return malloc(n * sizeof(int));
}

void show_label(void)
{
    wchar_t *label = NULL;

    label = make_label(label); // expect: security-realloc-leak {{'make_label' stored in 'label'}}
    print_wide(label);
}

int count_items(size_t n)
{
    int *counts = make_counts(n); // expect: security-realloc-leak {{'make_counts'}}

    if (counts == NULL)
        return -1;
    counts[0] = 1;
    return counts[0];
}
