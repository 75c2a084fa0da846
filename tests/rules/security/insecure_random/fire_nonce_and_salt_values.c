#include <stdint.h>
#include <stdlib.h>

struct auth_msg {
    uint32_t nonce;
    uint64_t ts;
};

void auth_msg_init(struct auth_msg *m, uint64_t now)
{
    m->ts = now;
    m->nonce = (uint32_t)mrand48(); // expect: security-insecure-random {{'mrand48' is a predictable generator, and its result is stored in 'nonce'}}
}

uint32_t hash_password_for_storage(const char *pw, uint32_t (*kdf)(const char *, uint32_t))
{
    uint32_t salt = (uint32_t)rand(); // expect: security-insecure-random {{initializes 'salt'}}

    return kdf(pw, salt);
}

uint32_t reseed_challenge(unsigned int *state)
{
    uint32_t challenge;

    challenge = rand_r(state) * 2654435761u; // expect: security-insecure-random {{'challenge'}}
    return challenge;
}
