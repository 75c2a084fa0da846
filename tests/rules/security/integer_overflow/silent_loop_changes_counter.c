#include <stddef.h>

struct span {
    int start;
    int end;
};

/* w starts at zero, but the loop raises it; every use of w - 1 is guarded by w > 0. */
size_t merge_spans(struct span *s, size_t n)
{
    size_t w = 0;

    for (size_t r = 0; r < n; r++) {
        struct span *last = w > 0 ? &s[w - 1] : NULL;
        if (last != NULL && s[r].start <= last->end) {
            if (s[r].end > last->end)
                last->end = s[r].end;
        } else {
            s[w++] = s[r];
        }
    }
    return w;
}

/* The loop changes k before the subtraction is reached again through its back edge. */
unsigned last_index(const int *v, unsigned n)
{
    unsigned k = 0;
    unsigned found = 0;

    while (k < n) {
        if (k != 0 && v[k] == v[k - 1])
            found = k;
        k++;
    }
    return found;
}
