/* The engine's events through the SPSC ring `ecg gen` generates from match_event_entry.h: the
 * engine's callback claims a slot, copies the event in and publishes it, or gathers events and
 * hands them over in batches; the consumer peeks, copies out and drops, or takes a batch. A full
 * ring is waited on, never dropped from. */
#include "ecg/match_ring.h"

#include <sched.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "ecg/compat.h"
#include "ecg/error.h"
#include "match_event_entry.gen.h"

/* Spins before each yield while the ring is full: about a microsecond, the time a consumer on
 * another core takes to drain a few events. */
#define SPINS_BEFORE_YIELD 256

_Static_assert(sizeof(((struct match_event_entry_ring *)0)->slots) /
                       sizeof(((struct match_event_entry_ring *)0)->slots[0]) ==
                   ECGRT_MATCH_EVENT_RING_CAPACITY,
               "ECGRT_MATCH_EVENT_RING_CAPACITY is the generated ring's capacity");

struct ecgrt_match_event_ring {
    struct match_event_entry_ring ring;
    /* After the ring, on lines of their own: */
    _Atomic uint64_t waits; /* counted by the producer */
    uint32_t gathered;      /* producer only: events in batch, not yet handed over */
    struct match_event_entry batch[ECGRT_MATCH_EVENT_RING_BATCH]; /* producer only */
};

int ecgrt_match_event_ring_new(struct ecgrt_match_event_ring **out)
{
    /* a struct's size is a multiple of its alignment, as aligned_alloc requires */
    struct ecgrt_match_event_ring *r = aligned_alloc(alignof(struct ecgrt_match_event_ring),
                                                     sizeof(struct ecgrt_match_event_ring));

    if (r == NULL)
        return ECGRT_ENOMEM;
    match_event_entry_ring_init(&r->ring);
    atomic_init(&r->waits, 0);
    r->gathered = 0;
    *out = r;
    return ECGRT_OK;
}

void ecgrt_match_event_ring_free(struct ecgrt_match_event_ring *ring)
{
    free(ring);
}

/* The layout the casts below rely on: an entry is its event and nothing else, so an event can
 * be handed to the generated ring as an entry and an array of events can take its copies (C11
 * 6.5p7 lets an aggregate's type access the member type it holds). */
_Static_assert(sizeof(struct match_event_entry) == sizeof(struct ecgrt_match_event) &&
                   offsetof(struct match_event_entry, event) == 0 &&
                   alignof(struct match_event_entry) == alignof(struct ecgrt_match_event),
               "an event ring entry is laid out as the event it holds");

/* Queues the n entries, waiting for the consumer as long as the ring is full (a pause per try,
 * a yield now and then), and counts the wait. */
static void hand_over(struct ecgrt_match_event_ring *r, const struct match_event_entry *entries,
                      uint32_t n)
{
    uint32_t done = match_event_entry_ring_push_n(&r->ring, entries, n);

    if (done < n)
        atomic_fetch_add_explicit(&r->waits, 1, memory_order_relaxed); /* off the common path */
    for (unsigned spins = 1; done < n; spins++) {
        if (spins % SPINS_BEFORE_YIELD == 0)
            sched_yield();
        else
            ecgrt_compat_cpu_relax();
        done += match_event_entry_ring_push_n(&r->ring, entries + done, n - done);
    }
}

void ecgrt_match_event_ring_flush(struct ecgrt_match_event_ring *ring)
{
    hand_over(ring, ring->batch, ring->gathered);
    ring->gathered = 0;
}

/* The common case claims the next slot and copies the event straight in; a full ring goes the
 * way of a batch of one. */
void ecgrt_match_event_ring_push(void *ring, const struct ecgrt_match_event *event)
{
    struct ecgrt_match_event_ring *r = ring;
    struct match_event_entry *slot;

    if (__builtin_expect(r->gathered != 0, 0)) /* batched events go first */
        ecgrt_match_event_ring_flush(r);
    slot = match_event_entry_ring_claim(&r->ring);
    if (__builtin_expect(slot == NULL, 0)) {
        hand_over(r, (const struct match_event_entry *)(const void *)event, 1);
        return;
    }
    slot->event = *event;
    match_event_entry_ring_publish(&r->ring);
}

void ecgrt_match_event_ring_push_batched(void *ring, const struct ecgrt_match_event *event)
{
    struct ecgrt_match_event_ring *r = ring;

    r->batch[r->gathered++].event = *event;
    if (r->gathered == ECGRT_MATCH_EVENT_RING_BATCH)
        ecgrt_match_event_ring_flush(r);
}

int ecgrt_match_event_ring_pop(struct ecgrt_match_event_ring *ring, struct ecgrt_match_event *out)
{
    const struct match_event_entry *front = match_event_entry_ring_peek(&ring->ring);

    if (front == NULL)
        return 0;
    *out = front->event;
    match_event_entry_ring_drop(&ring->ring);
    return 1;
}

uint32_t ecgrt_match_event_ring_pop_n(struct ecgrt_match_event_ring *ring,
                                      struct ecgrt_match_event *out, uint32_t max)
{
    return match_event_entry_ring_pop_n((struct match_event_entry *)(void *)out, &ring->ring, max);
}

uint64_t ecgrt_match_event_ring_waits(const struct ecgrt_match_event_ring *ring)
{
    return atomic_load_explicit(&ring->waits, memory_order_relaxed);
}
