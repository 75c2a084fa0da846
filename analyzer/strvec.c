/* Growable string vector; items[len] stays NULL so it doubles as an argv. */
#include "analyzer/strvec.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

void ecg_strvec_init(struct ecg_strvec *v)
{
    v->items = NULL;
    v->len = 0;
    v->cap = 0;
}

void ecg_strvec_fini(struct ecg_strvec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    free(v->items);
    ecg_strvec_init(v);
}

static int strvec_reserve(struct ecg_strvec *v, size_t need)
{
    size_t cap = v->cap != 0 ? v->cap : 8;
    char **grown;

    if (need + 1 <= v->cap)
        return 0;
    while (cap < need + 1)
        cap *= 2;
    grown = realloc(v->items, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    v->items = grown;
    v->cap = cap;
    return 0;
}

int ecg_strvec_push_take(struct ecg_strvec *v, char *s)
{
    if (s == NULL || strvec_reserve(v, v->len + 1) != 0) {
        free(s);
        return ECG_ENOMEM;
    }
    v->items[v->len] = s;
    v->len++;
    v->items[v->len] = NULL;
    return 0;
}

int ecg_strvec_push(struct ecg_strvec *v, const char *s)
{
    return ecg_strvec_push_take(v, strdup(s));
}

int ecg_strvec_extend(struct ecg_strvec *v, const struct ecg_strvec *other)
{
    for (size_t i = 0; i < other->len; i++) {
        int rc = ecg_strvec_push(v, other->items[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}
