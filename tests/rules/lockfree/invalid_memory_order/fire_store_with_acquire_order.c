#include <stdatomic.h>
#include <stdbool.h>

struct job {
    int id;
    int result;
    atomic_bool done;
};

static atomic_flag pool_lock = ATOMIC_FLAG_INIT;
static int shutdown_requested;

void job_finish(struct job *j, int result)
{
    j->result = result;
    atomic_store_explicit(&j->done, true, memory_order_acquire); // expect: lockfree-invalid-memory-order {{a store cannot acquire; use memory_order_release}}
}

void pool_unlock(void)
{
    atomic_flag_clear_explicit(&pool_lock, memory_order_acq_rel); // expect: lockfree-invalid-memory-order {{'pool_lock'}}
}

void request_shutdown(void)
{
    __atomic_store_n(&shutdown_requested, 1, __ATOMIC_CONSUME); // expect: lockfree-invalid-memory-order {{memory_order_consume}}
}
