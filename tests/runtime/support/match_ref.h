/* The reference book the matching engine is tested against: every resting order in one flat
 * array, scanned in full for each decision, so it is slow and obviously right. It emits the
 * same events as ecgrt_match, field for field. */
#ifndef ECG_TESTS_RUNTIME_SUPPORT_MATCH_REF_H
#define ECG_TESTS_RUNTIME_SUPPORT_MATCH_REF_H

#include <stddef.h>
#include <stdint.h>

#include "ecg/match.h"

struct ref_order {
    uint64_t id;
    uint64_t qty;
    uint64_t seq; /* arrival order at its price: smaller is older */
    int64_t price;
    uint32_t owner;
    uint32_t instrument;
    enum ecgrt_side side;
};

struct ref_book {
    struct ecgrt_match_config cfg; /* the same configuration as the engine's */
    struct ref_order *orders;      /* resting, in no particular order */
    size_t n;
    uint64_t next_seq;
};

/* Returns 0, or -1 when memory runs out. */
int ref_book_init(struct ref_book *b, const struct ecgrt_match_config *cfg);
void ref_book_fini(struct ref_book *b);

void ref_book_add(struct ref_book *b, const struct ecgrt_match_order *o);
void ref_book_cancel(struct ref_book *b, uint64_t id);
void ref_book_modify(struct ref_book *b, uint64_t id, int64_t price, uint64_t qty);

/* The fields of an event as numbers (kind, side, reason, instrument, id, maker, taker, price,
 * qty, remaining, total), for comparing events and naming the field that differs. */
#define REF_EVENT_FIELDS 11
void ref_event_fields(uint64_t out[REF_EVENT_FIELDS], const struct ecgrt_match_event *e);

/* The name of field i of ref_event_fields. */
const char *ref_event_field_name(size_t i);

/* The index of the first field where a and b differ, or -1 when they are equal. */
int ref_event_diff(const struct ecgrt_match_event *a, const struct ecgrt_match_event *b);

/* The best price of a side and the quantity resting there; 0 when the side is empty. */
int ref_book_best(const struct ref_book *b, uint32_t instrument, enum ecgrt_side side,
                  int64_t *out_price, uint64_t *out_total);

#endif
