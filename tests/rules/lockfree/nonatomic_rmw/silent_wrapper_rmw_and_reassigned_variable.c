/* Read-modify-writes done by one wrapper (uatomic_add_return, an inline fetch-add), and a
 * variable that held a load but was assigned a new node before it is stored. */
#include <stdlib.h>

#define CMM_ACCESS_ONCE(x) (*(__volatile__ __typeof__(x) *)&(x))
#define CMM_LOAD_SHARED(p) CMM_ACCESS_ONCE(p)
#define CMM_STORE_SHARED(x, v) __extension__({ CMM_ACCESS_ONCE(x) = (v); })

static inline long uatomic_add_return_impl(long *addr, long v)
{
    return __sync_add_and_fetch(addr, v);
}

#define uatomic_add_return(addr, v) uatomic_add_return_impl((addr), (v))

static inline unsigned long counter_bump(unsigned long *c)
{
    return __atomic_add_fetch(c, 1, __ATOMIC_RELAXED);
}

struct item {
    struct item *next;
    int key;
};

static long refs;
static unsigned long generation;
static struct item *head;

long get_ref(void)
{
    return uatomic_add_return(&refs, 1);
}

unsigned long next_generation(void)
{
    return counter_bump(&generation);
}

/* single-threaded rebuild: the first item is looked at, then a fresh one replaces it */
void rebuild(int key)
{
    struct item *n = CMM_LOAD_SHARED(head);

    if (n != NULL && n->key == key)
        return;
    n = malloc(sizeof(*n));
    if (n == NULL)
        return;
    n->key = key;
    n->next = NULL;
    CMM_STORE_SHARED(head, n);
}
