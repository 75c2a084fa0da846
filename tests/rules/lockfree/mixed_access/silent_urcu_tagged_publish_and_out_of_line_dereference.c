/* liburcu shapes: a node filled in before a compare-exchange publishes it with a tag bit
 * set by a helper, and rcu_dereference built on an out-of-line function that receives the
 * pointer's value (inside the wrapper, that read is the wrapper's own). */
#include <stdint.h>
#include <stddef.h>

extern void *rcu_dereference_sym(void *p);
#define rcu_dereference(p) __extension__({ __typeof__(p) p1 = (__typeof__(p))rcu_dereference_sym((void *)(p)); (p1); })

static inline void *uatomic_cmpxchg_impl(void **addr, void *old, void *new_value)
{
    return __sync_val_compare_and_swap(addr, old, new_value);
}

#define uatomic_cmpxchg(addr, old, new_value) uatomic_cmpxchg_impl((void **)(addr), (old), (new_value))

struct lfht_node {
    struct lfht_node *next;
    unsigned long hash;
};

static struct lfht_node *bucket_head;

static inline struct lfht_node *flag_removed(struct lfht_node *n)
{
    return (struct lfht_node *)((uintptr_t)n | 1u);
}

int insert_after(struct lfht_node *prev, struct lfht_node *next, struct lfht_node *new_node)
{
    new_node->next = next;
    return uatomic_cmpxchg(&prev->next, next, flag_removed(new_node)) == next;
}

int push_first(struct lfht_node *n)
{
    struct lfht_node *head = rcu_dereference(bucket_head);

    n->next = head;
    return uatomic_cmpxchg(&bucket_head, head, n) == head;
}

unsigned long first_hash(void)
{
    struct lfht_node *n = rcu_dereference(bucket_head);

    return n != NULL ? n->hash : 0;
}
