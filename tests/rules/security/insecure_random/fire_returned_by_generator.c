#include <stdlib.h>

/* Helpers whose names promise an unguessable value. */
unsigned long generate_session_id(void)
{
    return ((unsigned long)random() << 31) ^ (unsigned long)random(); // expect: security-insecure-random {{returned by 'generate_session_id'}}
    // expect@-1: security-insecure-random {{'random'}}
}

int make_otp(void)
{
    return 100000 + rand() % 900000; // expect: security-insecure-random {{'make_otp'}}
}

double newPasswordSeed(void)
{
    return drand48(); // expect: security-insecure-random {{'newPasswordSeed'}}
}
