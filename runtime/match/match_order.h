/* The matching engine's order record: the input of `ecg gen`, which writes match_order.gen.h
 * (the laid-out struct and its local pool) that the engine includes instead. The capacity is
 * the most orders an engine can hold (ecgrt_match_config.max_orders, ECGRT_MATCH_MAX_ORDERS). */
#ifndef ECG_RUNTIME_MATCH_ORDER_H
#define ECG_RUNTIME_MATCH_ORDER_H

#include <ecg/annotate.h>
#include <stdint.h>

/* A resting order. Records link to each other by reference (their byte offset in the pool, 32
 * bits), not by pointer. The matching loop reads id, qty, owner and next of each maker, so they
 * are hot and share the record's first 24 bytes; the rest is read when an order enters or
 * leaves its level. */
struct ECG_GENERATE(pool(capacity = 1048576, local)) match_order {
    ECG_HOT uint64_t id;
    ECG_HOT uint64_t qty;   /* remaining */
    ECG_HOT uint32_t next;  /* the next order of its level (later in time); MATCH_NIL at the tail */
    ECG_HOT uint32_t owner; /* for self-trade prevention */
    uint32_t prev;          /* the previous order; MATCH_NIL at the head */
    uint32_t level;         /* price - min_price */
    uint32_t instrument;
    uint32_t side; /* enum ecgrt_side */
    uint32_t slot; /* a hint: the id map's slot the record's id was entered in (entries move) */
};

#endif
