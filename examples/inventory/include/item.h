/* Inventory items: a name, a SKU and a stock count. */
#ifndef INVENTORY_ITEM_H
#define INVENTORY_ITEM_H

#include <stddef.h>

#define ITEM_NAME_MAX 24

struct item {
    char name[ITEM_NAME_MAX];
    char sku[12];
    int stock;
};

void item_init(struct item *it, const char *name, const char *sku, int stock);
void item_label(const struct item *it, char *out);
int item_read(struct item *it);

#endif
