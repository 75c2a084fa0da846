/* The reference limit-order-book matching engine of libecgrt: many instruments, one book
 * each, integer prices (ticks) and quantities, price-time priority. Orders: limit (good till
 * cancelled), IOC, FOK, market and post-only; cancel; modify. Self-trade prevention by owner.
 * Every outcome is an event delivered to a callback, in order. After ecgrt_match_init the
 * engine never allocates, locks or does I/O; one thread drives it. */
#ifndef ECG_RUNTIME_MATCH_H
#define ECG_RUNTIME_MATCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum ecgrt_side {
    ECGRT_SIDE_BUY,
    ECGRT_SIDE_SELL,
};

enum ecgrt_order_type {
    ECGRT_ORDER_LIMIT,  /* trades what crosses, rests the remainder (good till cancelled) */
    ECGRT_ORDER_IOC,    /* immediate or cancel: trades what crosses, cancels the remainder */
    ECGRT_ORDER_FOK,    /* fill or kill: trades its whole quantity at once, or nothing */
    ECGRT_ORDER_MARKET, /* trades at any price, cancels the remainder; the price is ignored */
    ECGRT_ORDER_POST,   /* post-only: rests without trading, rejected when it would cross */
};

/* Self-trade prevention: an incoming order about to trade with a resting order of the same
 * owner cancels the resting order and goes on, or is itself cancelled. */
enum ecgrt_stp {
    ECGRT_STP_CANCEL_RESTING,
    ECGRT_STP_CANCEL_INCOMING,
};

enum ecgrt_reject_reason {
    ECGRT_REJECT_NONE,
    ECGRT_REJECT_DUPLICATE_ID, /* an order with this id is live */
    ECGRT_REJECT_UNKNOWN_ID,   /* cancel or modify of an id that is not live */
    ECGRT_REJECT_ZERO_QUANTITY,
    ECGRT_REJECT_PRICE_OUT_OF_BAND, /* outside the instrument's configured price band */
    ECGRT_REJECT_UNKNOWN_INSTRUMENT,
    ECGRT_REJECT_WOULD_CROSS, /* a post-only order that would trade */
    ECGRT_REJECT_BOOK_FULL,   /* no order record left to rest the order in */
};

enum ecgrt_event_kind {
    ECGRT_EVENT_ACCEPTED,  /* id */
    ECGRT_EVENT_REJECTED,  /* id, reason */
    ECGRT_EVENT_TRADE,     /* instrument, maker, taker, price, qty */
    ECGRT_EVENT_CANCELLED, /* id, remaining (what was left unfilled) */
    ECGRT_EVENT_MODIFIED,  /* id, price, qty */
    ECGRT_EVENT_BOOK,      /* instrument, side, price, total: a level's new total quantity */
};

struct ecgrt_match_event {
    enum ecgrt_event_kind kind;
    enum ecgrt_side side;            /* BOOK */
    enum ecgrt_reject_reason reason; /* REJECTED */
    uint32_t instrument;             /* TRADE, BOOK */
    uint64_t id;                     /* ACCEPTED, REJECTED, CANCELLED, MODIFIED */
    uint64_t maker;                  /* TRADE: the resting order */
    uint64_t taker;                  /* TRADE: the incoming order */
    int64_t price;                   /* TRADE, MODIFIED, BOOK (ticks) */
    uint64_t qty;                    /* TRADE, MODIFIED (the new remaining quantity) */
    uint64_t remaining;              /* CANCELLED */
    uint64_t total;                  /* BOOK */
};

struct ecgrt_hist; /* ecg/hist.h */

/* Receives every event, in order, on the thread that drives the engine. The event is the
 * engine's storage, valid until the callback returns (a later event of the same kind reuses
 * it): copy what must be kept. Every field is defined; those a kind does not list are 0. A
 * callback must not submit commands to the engine that calls it. */
typedef void (*ecgrt_match_event_fn)(void *ctx, const struct ecgrt_match_event *event);

/* The most resting orders one engine can hold: the capacity of the order-record pool that
 * ecg gen generates for the engine (runtime/match/match_order.h). */
#define ECGRT_MATCH_MAX_ORDERS 1048576u

struct ecgrt_match_config {
    uint32_t instruments; /* instruments 0 .. instruments-1 have a book */
    int64_t min_price;    /* each book's price band, in ticks, inclusive; */
    int64_t max_price;    /* at most 2^24 ticks wide */
    uint32_t max_orders;  /* resting orders at once, over all books; 1..ECGRT_MATCH_MAX_ORDERS */
    enum ecgrt_stp stp;
    ecgrt_match_event_fn on_event;
    void *ctx; /* passed to on_event */
    /* Optional latency histograms, NULL to leave a command kind untimed (the default): each
     * ecgrt_match_add / _cancel / _modify records its duration in ecgrt_clock_ticks (convert
     * with ecgrt_clock_ticks_to_ns) into the histogram of its kind, on the engine's thread.
     * Borrowed: the caller's storage (ecgrt_hist_init), or ecgrt_metrics_register_hist to
     * export them; they must outlive the engine, and are read when the engine is idle (one
     * writer, see ecg/hist.h). Not recorded under -DECG_NO_INSTRUMENT. */
    struct ecgrt_hist *latency_add;
    struct ecgrt_hist *latency_cancel;
    struct ecgrt_hist *latency_modify;
};

struct ecgrt_match_order {
    uint64_t id;
    uint32_t owner; /* for self-trade prevention */
    uint32_t instrument;
    enum ecgrt_side side; /* any value other than ECGRT_SIDE_BUY is a sell */
    enum ecgrt_order_type type;
    int64_t price; /* ticks; ignored for MARKET */
    uint64_t qty;
};

struct ecgrt_match; /* the engine; opaque */

/* Allocates an engine for cfg (every book, level and order record, here and only here).
 * Returns ECGRT_OK, ECGRT_EINVAL (no instrument, an empty or too wide band, max_orders 0 or
 * above ECGRT_MATCH_MAX_ORDERS, no callback) or ECGRT_ENOMEM. Release with ecgrt_match_free. */
int ecgrt_match_new(struct ecgrt_match **out, const struct ecgrt_match_config *cfg);

/* Releases the engine; NULL is a no-op. */
void ecgrt_match_free(struct ecgrt_match *m);

/* Empties every book as if the engine were new (a session's start, a test's next case): the
 * resting orders are dropped without events and the statistics are zeroed; the configuration
 * stays. Allocates nothing; takes time in proportion to max_orders, not to the price band. */
void ecgrt_match_reset(struct ecgrt_match *m);

/* Submits an order: ACCEPTED then its trades and book changes, then CANCELLED for a
 * remainder that does not rest; or a single REJECTED. */
void ecgrt_match_add(struct ecgrt_match *m, const struct ecgrt_match_order *order);

/* Cancels a resting order: CANCELLED and a BOOK change, or REJECTED (unknown id). */
void ecgrt_match_cancel(struct ecgrt_match *m, uint64_t id);

/* Changes a resting order's price and remaining quantity. A smaller quantity at the same price
 * keeps its place in the queue; any other change moves it to the back of its new level, and
 * a new price that crosses trades as an incoming limit order. MODIFIED, then book changes and
 * trades; or REJECTED (unknown id, zero quantity, price out of band). */
void ecgrt_match_modify(struct ecgrt_match *m, uint64_t id, int64_t price, uint64_t qty);

/* The best bid or ask of an instrument; 0 when that side is empty (*out untouched). */
int ecgrt_match_best(const struct ecgrt_match *m, uint32_t instrument, enum ecgrt_side side,
                     int64_t *out_price, uint64_t *out_total);

/* Resting orders over all books. */
uint32_t ecgrt_match_resting(const struct ecgrt_match *m);

/* A hint that a command naming id comes soon, for callers that hold a batch of commands: with
 * deep 0 it starts loading id's slot of the order-id map; with deep 1 (issue it a few commands
 * after deep 0) also the order record the slot names. Changes nothing; any id is fine. */
void ecgrt_match_prefetch(const struct ecgrt_match *m, uint64_t id, int deep);

/* Counters the engine keeps as it runs (compiled out with -DECG_NO_INSTRUMENT): commands by
 * kind, events by kind, rejections by reason and the quantity traded. */
#define ECGRT_MATCH_EVENT_KINDS 6    /* entries of events: one per enum ecgrt_event_kind */
#define ECGRT_MATCH_REJECT_REASONS 8 /* entries of rejects: one per enum ecgrt_reject_reason */
struct ecgrt_match_stats {
    uint64_t adds;                                /* ecgrt_match_add calls */
    uint64_t cancels;                             /* ecgrt_match_cancel calls */
    uint64_t modifies;                            /* ecgrt_match_modify calls */
    uint64_t traded_qty;                          /* the sum of the quantities of TRADE events */
    uint64_t events[ECGRT_MATCH_EVENT_KINDS];     /* indexed by enum ecgrt_event_kind */
    uint64_t rejects[ECGRT_MATCH_REJECT_REASONS]; /* REJECTED events by reason; [0] unused */
};

/* Copies the engine's counters into *out. Returns 1, or 0 with *out zeroed when the engine was
 * built with ECG_NO_INSTRUMENT. Read on the thread that drives the engine. */
int ecgrt_match_stats(struct ecgrt_match_stats *out, const struct ecgrt_match *m);

/* The text of a reason as replay output spells it ("duplicate-id"). */
const char *ecgrt_match_reason_name(enum ecgrt_reject_reason reason);

#ifdef __cplusplus
}
#endif

#endif
