#include <stdlib.h>
#include <string.h>

struct buffer {
    char *data;
    size_t len;
    size_t cap;
};

/* The correct version: the old block stays reachable until the new one is known. */
int buffer_append(struct buffer *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2;
        char *grown = realloc(b->data, cap);
        if (grown == NULL)
            return -1;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

/* Different lvalues on the two sides, and a copy into another buffer. */
int move_to(char **dst, char *src, size_t n)
{
    *dst = realloc(src, n);
    return *dst == NULL ? -1 : 0;
}

/* BSD reallocf frees the old block when it fails. */
void *reallocf(void *ptr, size_t size);

int grow_bsd(char **p, size_t n)
{
    *p = reallocf(*p, n);
    return *p == NULL ? -1 : 0;
}
