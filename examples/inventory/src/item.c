/* Item construction and labels. */
#include "item.h"

#include <stdio.h>
#include <string.h>

void item_init(struct item *it, const char *name, const char *sku, int stock)
{
    strcpy(it->name, name); /* planted: name comes from the command line */
    strcpy(it->sku, "NEW");   /* fine: the literal fits sku[12] */
    if (sku != NULL)
        snprintf(it->sku, sizeof it->sku, "%s", sku);
    it->stock = stock;
}

void item_label(const struct item *it, char *out)
{
    sprintf(out, "%s (%s): %d in stock", it->name, it->sku, it->stock); /* planted */
}

int item_read(struct item *it)
{
    return scanf("%s %d", it->name, &it->stock) == 2; /* planted: %s without a width */
}
