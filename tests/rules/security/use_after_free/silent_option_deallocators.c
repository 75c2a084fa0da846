// ecg-options: {"deallocators": ["free", "buf_release"]}
#include <stdlib.h>

struct buf {
    char *data;
};

void buf_release(struct buf *b);

/* A configured deallocator counts like free; freeing the fields first is fine. */
void buf_destroy(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    buf_release(b);
}
