/* Union members overlap by design; there is no line to share between them. */
#include <stdatomic.h>
#include <stdint.h>

union lock_word {
    _Atomic uint64_t whole;
    _Atomic uint32_t halves[2];
};

uint64_t lock_read(union lock_word *w)
{
    return atomic_load(&w->whole);
}
