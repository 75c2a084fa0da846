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
/* The events ecgrt_match_event_ring_push_batched gathers before it hands them over. */
#define ECGRT_MATCH_EVENT_RING_BATCH 32u

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

/* As ecgrt_match_event_ring_push, but the events are gathered on the engine's side and handed
 * over ECGRT_MATCH_EVENT_RING_BATCH at a time: one hand-over per batch instead of one per event,
 * which is what a consumer on another core pays for. Events still gathered are not visible to
 * the consumer: call ecgrt_match_event_ring_flush, on the engine's thread, after each command or
 * batch of commands. ecgrt_match_event_ring_push on the same ring hands over what was gathered
 * first, so the order is kept. */
void ecgrt_match_event_ring_push_batched(void *ring, const struct ecgrt_match_event *event);

/* Hands over the events ecgrt_match_event_ring_push_batched has gathered (waiting, as a push
 * does, while the ring is full). On the engine's thread. */
void ecgrt_match_event_ring_flush(struct ecgrt_match_event_ring *ring);

/* The consumer's side, from one thread: copies the oldest event into *out and returns 1, or
 * returns 0 when the ring is empty. Events come out in the order the engine emitted them. */
int ecgrt_match_event_ring_pop(struct ecgrt_match_event_ring *ring, struct ecgrt_match_event *out);

/* The consumer's side in batches: copies up to max of the oldest events into out, in order, and
 * returns how many (0 when the ring is empty). The batch is handed back to the engine's side
 * with one store, where ecgrt_match_event_ring_pop hands back each event. */
uint32_t ecgrt_match_event_ring_pop_n(struct ecgrt_match_event_ring *ring,
                                      struct ecgrt_match_event *out, uint32_t max);

/* How many times a push or a batch's hand-over found the ring full and had to wait (a consumer
 * that falls behind). Readable from any thread. */
uint64_t ecgrt_match_event_ring_waits(const struct ecgrt_match_event_ring *ring);

#ifdef __cplusplus
}
#endif

#endif
