/* A configuration snapshot swapped as a whole: 40 bytes cannot be updated lock-free. */
#include <stdatomic.h>

struct server_config {
    char listen_addr[32];
    int port;
    int max_clients;
};

static _Atomic struct server_config current_config; // expect: lockfree-non-lockfree-atomic {{'_Atomic struct server_config' is 40 bytes, more than the 16 bytes}}

void config_publish(const struct server_config *next)
{
    atomic_store(&current_config, *next);
}

struct server_config config_snapshot(void)
{
    return atomic_load(&current_config);
}
