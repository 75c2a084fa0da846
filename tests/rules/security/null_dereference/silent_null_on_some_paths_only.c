// NULL reaches the use on some paths only, and another variable decides which: the rule does
// not pair up correlated branches, so it says nothing rather than guess. Loops that assign
// the pointer carry other values into later iterations.
#include <stdlib.h>
#include <string.h>

struct node {
    int value;
    struct node *next;
};

int copy_when_needed(const char *src, size_t len)
{
    char *buf = NULL;
    if (len > 0)
        buf = malloc(len);
    if (len > 0) {
        if (buf == NULL)
            return -1;
        memcpy(buf, src, len);
        buf[0] = 'x';
    }
    free(buf);
    return 0;
}

void link_all(struct node *nodes, size_t n)
{
    struct node *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            prev->next = &nodes[i];
        prev = &nodes[i];
    }
}

int last_value(struct node *head)
{
    struct node *last = NULL;
    int found = 0;
    for (struct node *n = head; n != NULL; n = n->next) {
        last = n;
        found = 1;
    }
    if (!found)
        return 0;
    return last->value;
}
