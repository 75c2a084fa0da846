/* A ConcurrencyKit-style load macro casts its result to typeof(*(p)): the typeof repeats the
 * argument unevaluated, and the walk meets it before the call that does the load. */
#include <stdbool.h>
#include <stddef.h>

static inline void *ck_pr_md_load_ptr(const void *target)
{
    void *r;

    __atomic_load((void *const *)target, &r, __ATOMIC_RELAXED);
    return r;
}

static inline bool ck_pr_cas_ptr_value(void *target, void *compare, void *set, void *v)
{
    *(void **)v = compare;
    return __atomic_compare_exchange_n((void **)target, (void **)v, set, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

#define ck_pr_load_ptr(SRC) ((__typeof__(*(SRC)))ck_pr_md_load_ptr((SRC)))

struct job {
    struct job *next;
    int id;
};

struct job_stack {
    struct job *head;
};

struct job *job_stack_pop(struct job_stack *stack)
{
    struct job *entry, *next;

    entry = ck_pr_load_ptr(&stack->head);
    if (entry == NULL)
        return NULL;
    next = entry->next;
    while (ck_pr_cas_ptr_value(&stack->head, entry, next, &entry) == false) { // expect: lockfree-aba {{loaded from 'head'}}
        if (entry == NULL)
            break;
        next = entry->next;
    }
    return entry;
}

bool job_stack_is_empty(struct job_stack *stack)
{
    return ck_pr_load_ptr(&stack->head) == NULL;
}
