/* An entry of the matching engine's event ring: the input of `ecg gen`, which writes
 * match_event_entry.gen.h (the struct and its single-producer single-consumer ring) that
 * match_event_ring.c includes. The capacity is ECGRT_MATCH_EVENT_RING_CAPACITY (ecg/match_ring.h):
 * the events a ring holds before the engine's thread waits for the consumer. */
#ifndef ECG_RUNTIME_MATCH_EVENT_ENTRY_H
#define ECG_RUNTIME_MATCH_EVENT_ENTRY_H

#include <ecg/annotate.h>
#include <ecg/match.h>

/* One event as the engine delivered it. */
struct ECG_GENERATE(ring(capacity = 4096)) match_event_entry {
    struct ecgrt_match_event event;
};

#endif
