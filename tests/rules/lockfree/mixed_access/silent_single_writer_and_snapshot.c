/* Correct single-writer shapes seen through ck-style wrappers: the writer reads its own
 * data plainly (no other thread writes it), readers copy a snapshot into their own storage,
 * a node is filled in before it is published, and a value only ever read atomically is
 * written only before the threads start. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

static inline void *ck_pr_md_load_ptr(const void *target)
{
    return *(void *const volatile *)target;
}

static inline void ck_pr_md_store_ptr(void *target, const void *value)
{
    *(const void *volatile *)target = value;
}

static inline unsigned long ck_pr_md_load_ulong(const unsigned long *target)
{
    return *(const volatile unsigned long *)target;
}

static inline void ck_pr_md_store_ulong(unsigned long *target, unsigned long value)
{
    *(volatile unsigned long *)target = value;
}

static inline _Bool ck_pr_cas_ptr(void *target, void *compare, void *set)
{
    return __sync_bool_compare_and_swap((void **)target, compare, set);
}

static inline void ck_pr_fence_store(void)
{
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

#define ck_pr_load_ptr(src) ck_pr_md_load_ptr((src))
#define ck_pr_store_ptr(dst, value) ck_pr_md_store_ptr((dst), (value))
#define ck_pr_load_ulong(src) ck_pr_md_load_ulong((src))
#define ck_pr_store_ulong(dst, value) ck_pr_md_store_ulong((dst), (value))

struct table_map {
    unsigned long n_entries;
    unsigned long capacity;
    void **slots;
};

struct table {
    struct table_map *map; /* written by the single writer, read by many readers */
};

struct table_stat {
    unsigned long n_entries;
};

struct node {
    struct node *next;
    int value;
};

static struct node *stack_top;
static unsigned long worker_count;

/* The writer: reads its own map pointer and counter plainly, publishes with stores. */
void table_insert(struct table *t, void *item)
{
    struct table_map *map = t->map;

    map->slots[map->n_entries] = item;
    ck_pr_fence_store();
    ck_pr_store_ulong(&map->n_entries, map->n_entries + 1);
}

void table_grow(struct table *t, struct table_map *bigger)
{
    bigger->capacity = t->map->capacity * 2;
    ck_pr_fence_store();
    ck_pr_store_ptr(&t->map, bigger);
}

/* Readers use the wrappers and copy into their own storage. */
void table_stat(struct table *t, struct table_stat *out)
{
    struct table_map *map = ck_pr_load_ptr(&t->map);

    out->n_entries = ck_pr_load_ulong(&map->n_entries);
}

/* A node is the pusher's own until the compare-exchange publishes it. */
void stack_push(struct node *n, int value)
{
    struct node *top;

    n->value = value;
    do {
        top = ck_pr_load_ptr(&stack_top);
        n->next = top;
        ck_pr_fence_store();
    } while (!ck_pr_cas_ptr(&stack_top, top, n));
}

struct node *stack_second(void)
{
    struct node *top = ck_pr_load_ptr(&stack_top);

    return top != NULL ? ck_pr_load_ptr(&top->next) : NULL;
}

static void *worker(void *arg)
{
    unsigned long n = ck_pr_load_ulong(&worker_count);

    (void)arg;
    return (void *)(size_t)n;
}

int start_workers(pthread_t *threads)
{
    worker_count = 4;
    for (unsigned long i = 0; i < 4; i++) {
        if (pthread_create(&threads[i], NULL, worker, NULL) != 0)
            return -1;
    }
    return (int)worker_count;
}
