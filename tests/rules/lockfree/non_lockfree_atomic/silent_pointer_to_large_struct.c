/* The correct way to publish a large snapshot: an atomic pointer to an immutable copy. */
#include <stdatomic.h>
#include <stdlib.h>

struct server_config {
    char listen_addr[32];
    int port;
    int max_clients;
};

static _Atomic(struct server_config *) current_config;

/* release: pairs with the acquire load in config_get */
void config_publish(struct server_config *next)
{
    atomic_store_explicit(&current_config, next, memory_order_release);
}

const struct server_config *config_get(void)
{
    return atomic_load_explicit(&current_config, memory_order_acquire);
}
