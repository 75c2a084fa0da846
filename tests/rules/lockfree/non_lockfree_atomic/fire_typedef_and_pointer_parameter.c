/* '_Atomic' written in a typedef is reported there, not at each use of the typedef; a
 * parameter that spells '_Atomic' itself is reported. */
#include <stdatomic.h>
#include <stdint.h>

struct position {
    double x, y, z;
};

typedef _Atomic(struct position) atomic_position; // expect: lockfree-non-lockfree-atomic {{24 bytes}}

static atomic_position player;

void move_player(struct position p)
{
    atomic_store(&player, p);
}

void copy_position(_Atomic(struct position) *dst, struct position p) // expect: lockfree-non-lockfree-atomic {{'_Atomic struct position' is 24 bytes}}
{
    atomic_store(dst, p);
}
