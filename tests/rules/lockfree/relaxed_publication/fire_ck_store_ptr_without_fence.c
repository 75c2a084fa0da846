/* ck_pr_store_ptr is unordered: filling a node and then publishing it with it, with no
 * ck_pr_fence_store() between, lets a reader see the node before its fields. */
#include <stddef.h>

static inline void ck_pr_md_store_ptr(void *target, const void *value)
{
    *(const void *volatile *)target = value;
}

#define ck_pr_store_ptr(dst, value) ck_pr_md_store_ptr((dst), (value))

struct route {
    unsigned int prefix;
    unsigned int mask;
    int next_hop;
};

static struct route *current_route;

void route_publish(struct route *r, unsigned int prefix, unsigned int mask, int hop)
{
    r->prefix = prefix;
    r->mask = mask;
    r->next_hop = hop;
    ck_pr_store_ptr(&current_route, r); // expect: lockfree-relaxed-publication {{pointer to 'current_route'}}
}
