#include <stdatomic.h>
#include <stddef.h>

struct config {
    int version;
    char name[32];
};

static _Atomic(struct config *) current_config;
static atomic_uint config_generation;

struct config *config_get(void)
{
    return atomic_load_explicit(&current_config, memory_order_release); // expect: lockfree-invalid-memory-order {{a load cannot release; use memory_order_acquire}}
}

unsigned config_generation_now(void)
{
    return atomic_load_explicit(&config_generation, memory_order_acq_rel); // expect: lockfree-invalid-memory-order {{memory_order_acq_rel}}
}

int config_version_gnu(struct config **slot)
{
    struct config *c = __atomic_load_n(slot, __ATOMIC_RELEASE); // expect: lockfree-invalid-memory-order {{'__atomic_load_n'}}
    return c != NULL ? c->version : -1;
}
