// ecg-options: {"atomic_wrappers": ["q_cas_weak=cas_weak(obj,exp,val)@acq_rel"]}
/* A configured weak compare-exchange used once, as if it could only fail on contention. */
#include <stdbool.h>

extern bool q_cas_weak(void **slot, void **expected, void *desired);

static void *owner;

void claim(void *me)
{
    void *none = 0;

    /* a spurious failure leaves the slot unclaimed although nobody owns it */
    q_cas_weak(&owner, &none, me); // expect: lockfree-cas-weak-no-loop {{owner}}
}
