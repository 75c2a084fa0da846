/* Each element of an array of large atomics takes the lock. */
#include <stdatomic.h>
#include <stdint.h>

struct sample {
    uint64_t timestamp;
    uint32_t value;
    uint32_t flags;
    uint32_t source;
};

static _Atomic struct sample latest[8]; // expect: lockfree-non-lockfree-atomic {{24 bytes}}

void record_sample(unsigned ch, struct sample s)
{
    atomic_store(&latest[ch % 8], s);
}
