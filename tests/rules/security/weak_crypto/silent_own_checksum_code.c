#include <stddef.h>
#include <stdint.h>

/* A project's own checksum helpers share words with weak algorithms but are not them. */
struct md5_sum {
    uint32_t state[4];
};

void md5_sum_init(struct md5_sum *s);
uint32_t crc32_update(uint32_t crc, const void *buf, size_t n);
const char *describe_des(void);

uint32_t frame_check(const void *buf, size_t n)
{
    struct md5_sum s;

    md5_sum_init(&s);
    (void)describe_des();
    return crc32_update(0, buf, n) ^ s.state[0];
}
