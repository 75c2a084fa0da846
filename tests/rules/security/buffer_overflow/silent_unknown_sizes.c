#include <stdlib.h>
#include <string.h>

struct packet {
    unsigned len;
    char body[1];
};

/* Sizes that are not known here, or a trailing one-element array used as a header. */
int copy_unknown(char *dst, const char *src, size_t n, struct packet *p)
{
    char buf[64];
    char *heap = malloc(n);

    if (heap == NULL)
        return -1;
    memcpy(dst, src, 100);
    memcpy(heap, src, n);
    if (n < sizeof(buf))
        memcpy(buf, src, n);
    memcpy(p->body, src, p->len);
    memcpy(p->body, src, 16);
    free(heap);
    return buf[0];
}
