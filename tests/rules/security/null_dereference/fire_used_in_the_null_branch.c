// A test found the pointer NULL and the branch that knows it dereferences it anyway.
#include <stdio.h>
#include <stdlib.h>

struct config {
    int verbose;
    const char *log_path;
};

struct node {
    int key;
    struct node *next;
};

int config_verbosity(const struct config *cfg)
{
    if (cfg == NULL) {
        fprintf(stderr, "no configuration, using defaults\n");
        return cfg->verbose; // expect: security-null-dereference {{'cfg' is NULL on every path here}}
    }
    return cfg->verbose;
}

int list_first_key(const struct node *head)
{
    if (head) {
        return head->key;
    } else {
        return head->key; // expect: security-null-dereference {{dereferenced}}
    }
}

int node_has_key(struct node *n, int key)
{
    n = NULL;
    // A single '&' evaluates both sides: the right one runs with n NULL.
    if ((n != NULL) & (n->key == key)) // expect: security-null-dereference {{'n' is NULL here}}
        return 1;
    return 0;
}
