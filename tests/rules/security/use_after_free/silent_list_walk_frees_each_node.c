#include <stdlib.h>

struct node {
    struct node *next;
    char *payload;
};

/* Each node is freed after its successor was read; the cursor moves on before reuse. */
void list_free(struct node *head)
{
    struct node *n = head;

    while (n != NULL) {
        struct node *next = n->next;
        free(n->payload);
        free(n);
        n = next;
    }
}

void table_free(char **slots, int count)
{
    for (int i = 0; i < count; i++)
        free(slots[i]);
    free(slots);
}
