#include <stdlib.h>
#include <string.h>

struct link;

struct peer {
    struct link *link;
    int pings;
};

struct link {
    struct peer *peer;
    char *buf;
};

/* The release function unlinks the block from its owner before freeing it. */
static void link_free(struct link *l)
{
    if (l->peer != NULL)
        l->peer->link = NULL;
    free(l->buf);
    free(l);
}

void send_ping(struct link *l);

void peer_timeout(struct peer *p, int expired)
{
    if (p->link != NULL && expired)
        link_free(p->link);
    if (p->link != NULL)
        send_ping(p->link);
}

struct slot {
    char *key;
    long idle;
};

/* A library call rewrites the array the freed field lived in. */
void pool_shift(struct slot *pool, int k)
{
    for (int i = 0; i < k; i++) {
        free(pool[0].key);
        memmove(pool, pool + 1, sizeof(pool[0]) * (size_t)k);
    }
}
