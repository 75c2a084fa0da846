/* A ConcurrencyKit-style ring index: the consumer publishes its head with ck_pr_store_uint
 * and the producer reads it with ck_pr_load_uint, but a reset writes it plainly while the
 * producer may be running. The ck_pr shapes are written out here as ck's headers do. */
#include <stdbool.h>

static inline unsigned int ck_pr_md_load_uint(const unsigned int *target)
{
    return *(const volatile unsigned int *)target;
}

static inline void ck_pr_md_store_uint(unsigned int *target, unsigned int value)
{
    *(volatile unsigned int *)target = value;
}

#define ck_pr_load_uint(src) ck_pr_md_load_uint((src))
#define ck_pr_store_uint(dst, value) ck_pr_md_store_uint(((void)sizeof(*(dst) = (value)), (dst)), (value))

struct ring {
    unsigned int c_head;
    unsigned int p_tail;
    unsigned int mask;
    void *slots[64];
};

bool ring_enqueue(struct ring *r, void *entry)
{
    unsigned int consumer = ck_pr_load_uint(&r->c_head);
    unsigned int producer = r->p_tail;

    if (((producer + 1) & r->mask) == (consumer & r->mask))
        return false;
    r->slots[producer & r->mask] = entry;
    ck_pr_store_uint(&r->p_tail, producer + 1);
    return true;
}

bool ring_dequeue(struct ring *r, void **out)
{
    unsigned int consumer = r->c_head;
    unsigned int producer = ck_pr_load_uint(&r->p_tail);

    if (consumer == producer)
        return false;
    *out = r->slots[consumer & r->mask];
    ck_pr_store_uint(&r->c_head, consumer + 1);
    return true;
}

void ring_drop_all(struct ring *r)
{
    r->c_head = ck_pr_load_uint(&r->p_tail); // expect: lockfree-mixed-access {{'c_head' is accessed atomically}}
}
