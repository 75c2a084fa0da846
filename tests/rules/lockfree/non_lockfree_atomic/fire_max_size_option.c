// ecg-options: {"max_lock_free_size": 8}
/* A 32-bit or pre-cx16 target: a 16-byte tagged pointer is no longer lock-free. */
#include <stdatomic.h>
#include <stdint.h>

struct tagged_ptr {
    void *ptr;
    uintptr_t tag;
};

_Atomic struct tagged_ptr free_list; // expect: lockfree-non-lockfree-atomic {{more than the 8 bytes}}
