/* 128-bit hash: two multiply-rotate lanes over 8-byte words, each field closed with its
 * length, finished with a 64-bit avalanche per lane; see hash.h. */
#include "analyzer/hash.h"

#include <stdio.h>
#include <string.h>

static const uint64_t prime_a = UINT64_C(0x9e3779b185ebca87);
static const uint64_t prime_b = UINT64_C(0xc2b2ae3d27d4eb4f);
static const uint64_t prime_c = UINT64_C(0x165667b19e3779f9);

static uint64_t rotl64(uint64_t x, unsigned r)
{
    return (x << r) | (x >> (64 - r));
}

/* Every input bit affects every output bit (the finaliser of MurmurHash3's 64-bit mix). */
static uint64_t avalanche(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    x ^= x >> 33;
    return x;
}

static void mix_word(struct ecg_hasher *h, uint64_t w)
{
    h->a = rotl64(h->a ^ (w * prime_a), 31) * prime_b;
    h->b = rotl64(h->b + (w * prime_c), 27) * prime_a + prime_c;
}

void ecg_hasher_init(struct ecg_hasher *h)
{
    h->a = UINT64_C(0x243f6a8885a308d3);
    h->b = UINT64_C(0x13198a2e03707344);
    h->length = 0;
}

void ecg_hasher_feed(struct ecg_hasher *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t w = 0;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        memcpy(&w, p + i, 8);
        mix_word(h, w);
    }
    w = 0;
    if (i < len)
        memcpy(&w, p + i, len - i);
    /* The tail word carries the field length, so fields cannot run into each other. */
    mix_word(h, w ^ ((uint64_t)len << 3) ^ UINT64_C(0xa5a5a5a5a5a5a5a5));
    h->length += len;
}

void ecg_hasher_feed_str(struct ecg_hasher *h, const char *s)
{
    static const char null_marker[] = "\x01<null>\x01";

    if (s == NULL)
        ecg_hasher_feed(h, null_marker, sizeof(null_marker));
    else
        ecg_hasher_feed(h, s, strlen(s));
}

void ecg_hasher_hex(const struct ecg_hasher *h, char out[33])
{
    uint64_t hi = avalanche(h->a ^ rotl64(h->b, 17) ^ h->length);
    uint64_t lo = avalanche(h->b + h->a * prime_b + (h->length * prime_c));

    snprintf(out, 33, "%016llx%016llx", (unsigned long long)hi, (unsigned long long)lo);
}

void ecg_hash_hex(char out[33], const void *data, size_t len)
{
    struct ecg_hasher h;

    ecg_hasher_init(&h);
    ecg_hasher_feed(&h, data, len);
    ecg_hasher_hex(&h, out);
}
