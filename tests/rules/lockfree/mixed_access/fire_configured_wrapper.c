// ecg-options: {"atomic_wrappers": ["shm_load_*=load(obj)@acquire", "shm_store_*=store(obj,val)@release"], "match_members_across_functions": true}
/* Wrappers implemented in another unit (an assembly file): only their declarations are
 * visible here, so the project lists them in atomic_wrappers. */
#include <stdint.h>

extern uint64_t shm_load_u64(const uint64_t *p);
extern void shm_store_u64(uint64_t *p, uint64_t v);

struct shared_page {
    uint64_t sequence;
    uint64_t payload_len;
};

void publish(struct shared_page *page, uint64_t len)
{
    shm_store_u64(&page->payload_len, len);
    shm_store_u64(&page->sequence, shm_load_u64(&page->sequence) + 1);
}

uint64_t peek_length(const struct shared_page *page)
{
    return page->payload_len; // expect: lockfree-mixed-access {{'payload_len' is accessed atomically}}
}
