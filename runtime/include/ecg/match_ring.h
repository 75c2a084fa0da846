/* The matching engine's events through a ring: a single-producer single-consumer ring that the
 * engine's callback fills on the thread driving the engine and one other thread empties, for a
 * consumer (market data, a drop copy, a journal) that must not run on the matching thread. The
 * ring is the one `ecg gen` generates (runtime/match/match_event_entry.h); see docs/match.md. */
#ifndef ECG_RUNTIME_MATCH_RING_H
#define ECG_RUNTIME_MATCH_RING_H

#include <stdint.h>

#include "ecg/match.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The events a ring holds. */
#define ECGRT_MATCH_EVENT_RING_CAPACITY 4096u

struct ecgrt_match_event_ring; /* opaque */

/* Allocates an empty ring. Returns ECGRT_OK or ECGRT_ENOMEM. Release with
 * ecgrt_match_event_ring_free once neither thread uses it. */
int ecgrt_match_event_ring_new(struct ecgrt_match_event_ring **out);
void ecgrt_match_event_ring_free(struct ecgrt_match_event_ring *ring);

/* The engine's side, an ecgrt_match_event_fn: set the config's on_event to it and its ctx to the
 * ring. Copies the event into the ring. A full ring is waited on (spinning, then yielding the
 * CPU) until the consumer makes room, never dropped from: a consumer that stops stops the
 * engine. */
void ecgrt_match_event_ring_push(void *ring, const struct ecgrt_match_event *event);

/* The consumer's side, from one thread: copies the oldest event into *out and returns 1, or
 * returns 0 when the ring is empty. Events come out in the order the engine emitted them. */
int ecgrt_match_event_ring_pop(struct ecgrt_match_event_ring *ring, struct ecgrt_match_event *out);

/* How many times ecgrt_match_event_ring_push found the ring full and had to wait (a consumer
 * that falls behind). Readable from any thread. */
uint64_t ecgrt_match_event_ring_waits(const struct ecgrt_match_event_ring *ring);

#ifdef __cplusplus
}
#endif

#endif
