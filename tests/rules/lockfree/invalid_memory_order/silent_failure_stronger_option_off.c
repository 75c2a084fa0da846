// ecg-options: {"failure_stronger_than_success": false}
#include <stdatomic.h>
#include <stdbool.h>

static atomic_int state;

bool state_advance(int from, int to)
{
    /* accepted by C++17 and GCC: the failure load may be stronger than the success store */
    return atomic_compare_exchange_strong_explicit(&state, &from, to, memory_order_release,
                                                   memory_order_acquire);
}
