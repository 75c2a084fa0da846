#include <stdlib.h>

enum reply_type { REPLY_ARRAY, REPLY_SET, REPLY_MAP, REPLY_ATTRIBUTE, REPLY_STRING };

struct reply {
    enum reply_type type;
    size_t len;
    struct reply *elements;
};

/* Two tests of one tag with no value in common: at most one of the frees runs. */
void reply_release(struct reply *rep)
{
    if (rep->type == REPLY_ARRAY || rep->type == REPLY_SET) {
        free(rep->elements);
    }
    if (rep->type == REPLY_MAP || rep->type == REPLY_ATTRIBUTE) {
        free(rep->elements);
    }
}
