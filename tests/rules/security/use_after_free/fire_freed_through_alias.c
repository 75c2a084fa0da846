#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

/* The block is freed under one name and read under another. */
int pop_value(struct node **head)
{
    struct node *top = *head;
    struct node *victim = top;

    free(victim);
    return top->value; // expect: security-use-after-free {{'top' is dereferenced after it was freed at line 14}}
}
