// ecg-options: {"sources": ["rand", "xorshift32"]}
#include <stdint.h>

uint32_t xorshift32(uint32_t *state);

void new_api_key(uint32_t *state, uint32_t apiKey[4])
{
    for (int i = 0; i < 4; i++)
        apiKey[i] = xorshift32(state); // expect: security-insecure-random {{'xorshift32'}}
}
