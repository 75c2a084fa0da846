/* Array growth; see grow.h. */
#include "analyzer/grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

int ecg_grow(void **items, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap != 0 ? *cap : 16;
    void *grown;

    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return ECG_ENOMEM;
        n *= 2;
    }
    if (size != 0 && n > SIZE_MAX / size)
        return ECG_ENOMEM;
    grown = realloc(*items, n * size);
    if (grown == NULL)
        return ECG_ENOMEM;
    memset((char *)grown + *cap * size, 0, (n - *cap) * size);
    *items = grown;
    *cap = n;
    return 0;
}
