/* Members matched by the object they belong to, not only by their declaration: a hash
 * table's entry accessors work on the caller's private copy, a plain (non-RCU) list links
 * nodes that the lock-free list also links with a release store, a node is filled in and
 * fenced before a compare-exchange publishes it, and each thread reads its own reader
 * counter plainly while the grace-period code reads every thread's counter atomically. */
#include <stddef.h>
#include <stdint.h>

struct table_entry {
    uintptr_t key;
    uintptr_t value;
    uint64_t hash;
};

struct table_slot {
    struct table_entry entry;
    unsigned version;
};

/* The map's lookup copies a slot into the caller's entry; the accessors below read the copy. */
void table_slot_snapshot(struct table_entry *out, struct table_slot *slot)
{
    unsigned before = __atomic_load_n(&slot->version, __ATOMIC_ACQUIRE);

    do {
        out->key = __atomic_load_n(&slot->entry.key, __ATOMIC_RELAXED);
        out->value = __atomic_load_n(&slot->entry.value, __ATOMIC_RELAXED);
        out->hash = __atomic_load_n(&slot->entry.hash, __ATOMIC_RELAXED);
    } while (__atomic_load_n(&slot->version, __ATOMIC_ACQUIRE) != before);
}

void table_slot_set(struct table_slot *slot, uintptr_t key, uintptr_t value, uint64_t hash)
{
    __atomic_fetch_add(&slot->version, 1, __ATOMIC_ACQ_REL);
    __atomic_store_n(&slot->entry.key, key, __ATOMIC_RELAXED);
    __atomic_store_n(&slot->entry.value, value, __ATOMIC_RELAXED);
    __atomic_store_n(&slot->entry.hash, hash, __ATOMIC_RELAXED);
    __atomic_fetch_add(&slot->version, 1, __ATOMIC_RELEASE);
}

static inline uintptr_t table_entry_key(const struct table_entry *entry)
{
    return entry->key;
}

static inline void table_entry_set_value(struct table_entry *entry, uintptr_t value)
{
    entry->value = value;
}

static inline int table_entry_matches(const struct table_entry *entry, uintptr_t key,
                                      uint64_t hash)
{
    return entry->hash == hash && entry->key == key;
}

/* A doubly linked list: the plain operations are for lists no other thread reads. */
struct list_node {
    struct list_node *next;
    struct list_node *prev;
};

static inline void list_add(struct list_node *node, struct list_node *head)
{
    head->next->prev = node;
    node->next = head->next;
    node->prev = head;
    head->next = node;
}

static inline void list_del(struct list_node *node)
{
    node->next->prev = node->prev;
    node->prev->next = node->next;
}

#define list_for_each(pos, head) for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

size_t list_length(struct list_node *head)
{
    struct list_node *pos;
    size_t n = 0;

    list_for_each(pos, head)
    {
        n++;
    }
    return n;
}

/* The RCU flavour of the same list: a statement macro that copies its value, then stores it. */
#define store_release(p, v)                                                                        \
    do {                                                                                           \
        __typeof__(*(p)) published_copy = (v);                                                     \
        __atomic_store_n((p), published_copy, __ATOMIC_RELEASE);                                   \
    } while (0)

static inline void list_add_rcu(struct list_node *node, struct list_node *head)
{
    node->next = head->next;
    node->prev = head;
    head->next->prev = node;
    store_release(&head->next, node);
}

/* A queue node filled in, then fenced, then linked with a compare-exchange of a pair. */
struct queue_node {
    void *value;
    struct queue_link {
        struct queue_node *ptr;
        uintptr_t gen;
    } link;
};

struct queue {
    struct queue_node *tail;
};

void queue_enqueue(struct queue *q, struct queue_node *node, void *value)
{
    struct queue_node *tail;

    node->value = value;
    node->link.ptr = NULL;
    node->link.gen = 0;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    for (;;) {
        struct queue_node *next;
        tail = __atomic_load_n(&q->tail, __ATOMIC_ACQUIRE);
        next = __atomic_load_n(&tail->link.ptr, __ATOMIC_ACQUIRE);
        if (next != NULL) {
            __atomic_compare_exchange_n(&q->tail, &tail, next, 0, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED);
            continue;
        }
        if (__atomic_compare_exchange_n(&tail->link.ptr, &next, node, 0, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED))
            break;
    }
    __atomic_compare_exchange_n(&q->tail, &tail, node, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

/* Per-thread reader state: its owner reads its own counter plainly and stores it
 * atomically; the grace-period scan reads every registered thread's counter atomically. */
struct reader {
    unsigned long ctr;
    struct reader *next_reader;
};

static _Thread_local struct reader this_reader;
static struct reader *registry;

void read_lock(void)
{
    unsigned long tmp = this_reader.ctr;

    if ((tmp & 0xffffUL) == 0)
        __atomic_store_n(&this_reader.ctr, 1UL, __ATOMIC_RELAXED);
    else
        __atomic_store_n(&this_reader.ctr, tmp + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void read_unlock(void)
{
    unsigned long tmp = this_reader.ctr;

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_store_n(&this_reader.ctr, tmp - 1, __ATOMIC_RELAXED);
}

int read_ongoing(void)
{
    return (this_reader.ctr & 0xffffUL) != 0;
}

int readers_quiescent(void)
{
    for (struct reader *r = __atomic_load_n(&registry, __ATOMIC_ACQUIRE); r != NULL;
         r = r->next_reader) {
        if (__atomic_load_n(&r->ctr, __ATOMIC_RELAXED) & 0xffffUL)
            return 0;
    }
    return 1;
}
