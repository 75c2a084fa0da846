#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct point {
    int x;
    int y;
};

/* Allocations sized in elements where bytes were meant, or without the terminator. */
int fill_tables(const char *name)
{
    int *counts = malloc(10);
    wchar_t *label = malloc(20);
    struct point *pts = calloc(4, sizeof(struct point));
    char *copy = malloc(strlen(name));
    double *scale = malloc(sizeof(scale)); // expect: security-buffer-overflow {{size of the pointer 'scale'}}

    if (counts == NULL || label == NULL || pts == NULL || copy == NULL || scale == NULL)
        return -1;
    memset(counts, 0, 10 * sizeof(int)); // expect: security-buffer-overflow {{40 bytes into 'counts', which has room for 10}}
    wmemset(label, L'-', 20); // expect: security-buffer-overflow {{80 bytes}}
    memset(pts, 0, 8 * sizeof(struct point)); // expect: security-buffer-overflow {{room for 32}}
    strcpy(copy, name); // expect: security-buffer-overflow {{strlen(name) + 1}}
    *scale = 1.0;
    return 0;
}
