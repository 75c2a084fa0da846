/* Three bytes: clang pads the atomic to four, GCC keeps three and takes a lock. */
#include <stdatomic.h>

struct rgb {
    unsigned char r, g, b;
};

struct led_strip {
    _Atomic struct rgb color; // expect: lockfree-non-lockfree-atomic {{is 3 bytes, not a power of two: GCC implements it with a lock inside libatomic (clang pads it); pad the type to 4 bytes}}
    int count;
};

void led_set(struct led_strip *s, struct rgb c)
{
    atomic_store_explicit(&s->color, c, memory_order_relaxed);
}
