/* A liburcu-style counter bumped with uatomic_read and uatomic_set: two threads can read
 * the same value and one increment is lost (uatomic_add or uatomic_inc is the fix). The
 * uatomic shapes are written out here as liburcu's generic header does. */
#define CMM_ACCESS_ONCE(x) (*(__volatile__ __typeof__(x) *)&(x))
#define CMM_LOAD_SHARED(p) CMM_ACCESS_ONCE(p)
#define CMM_STORE_SHARED(x, v) __extension__({ CMM_ACCESS_ONCE(x) = (v); })
#define uatomic_read(addr) CMM_LOAD_SHARED(*(addr))
#define uatomic_set(addr, v) ((void)CMM_STORE_SHARED(*(addr), (v)))

struct cache_stats {
    unsigned long lookups;
    unsigned long misses;
};

static struct cache_stats stats;

void note_lookup(int hit)
{
    uatomic_set(&stats.lookups, uatomic_read(&stats.lookups) + 1); // expect: lockfree-nonatomic-rmw {{lookups}}
    if (!hit) {
        unsigned long m = uatomic_read(&stats.misses);
        uatomic_set(&stats.misses, m + 1); // expect: lockfree-nonatomic-rmw {{misses}}
    }
}
