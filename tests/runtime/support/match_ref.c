/* The reference book: a flat array of resting orders; the best order is found by scanning all
 * of them (best price, then oldest). Written for obviousness, not speed. */
#include "tests/runtime/support/match_ref.h"

#include <stdlib.h>
#include <string.h>

static void emit(struct ref_book *b, struct ecgrt_match_event ev)
{
    b->cfg.on_event(b->cfg.ctx, &ev);
}

int ref_book_init(struct ref_book *b, const struct ecgrt_match_config *cfg)
{
    memset(b, 0, sizeof *b);
    b->cfg = *cfg;
    b->orders = calloc(cfg->max_orders, sizeof *b->orders);
    return b->orders != NULL ? 0 : -1;
}

void ref_book_fini(struct ref_book *b)
{
    free(b->orders);
    b->orders = NULL;
}

static long find(const struct ref_book *b, uint64_t id)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->orders[i].id == id)
            return (long)i;
    }
    return -1;
}

static void remove_at(struct ref_book *b, size_t i)
{
    b->orders[i] = b->orders[b->n - 1];
    b->n--;
}

static uint64_t level_total(const struct ref_book *b, uint32_t instrument, enum ecgrt_side side,
                            int64_t price)
{
    uint64_t total = 0;

    for (size_t i = 0; i < b->n; i++) {
        const struct ref_order *o = &b->orders[i];
        if (o->instrument == instrument && o->side == side && o->price == price)
            total += o->qty;
    }
    return total;
}

static void emit_level(struct ref_book *b, uint32_t instrument, enum ecgrt_side side, int64_t price)
{
    emit(b, (struct ecgrt_match_event){ .kind = ECGRT_EVENT_BOOK,
                                        .instrument = instrument,
                                        .side = side,
                                        .price = price,
                                        .total = level_total(b, instrument, side, price) });
}

/* Whether resting order r is better (to trade with first) than s. */
static int better(const struct ref_order *r, const struct ref_order *s)
{
    if (r->price != s->price)
        return r->side == ECGRT_SIDE_SELL ? r->price < s->price : r->price > s->price;
    return r->seq < s->seq;
}

static int crosses(const struct ecgrt_match_order *in, int64_t price)
{
    if (in->type == ECGRT_ORDER_MARKET)
        return 1;
    return in->side == ECGRT_SIDE_BUY ? price <= in->price : price >= in->price;
}

/* The best resting order the incoming order can trade with, or -1. */
static long best_maker(const struct ref_book *b, const struct ecgrt_match_order *in)
{
    long best = -1;

    for (size_t i = 0; i < b->n; i++) {
        const struct ref_order *o = &b->orders[i];
        if (o->instrument != in->instrument || o->side == in->side || !crosses(in, o->price))
            continue;
        if (best < 0 || better(o, &b->orders[best]))
            best = (long)i;
    }
    return best;
}

/* Fill-or-kill: the quantity available in price-time order before a self-trade would stop
 * the order (cancel-incoming) or skipping its own orders (cancel-resting). */
static int can_fill(const struct ref_book *b, const struct ecgrt_match_order *in)
{
    struct ref_book copy = *b;
    uint64_t sum = 0;

    copy.orders = malloc((b->n + 1) * sizeof *b->orders);
    if (copy.orders == NULL)
        abort();
    memcpy(copy.orders, b->orders, b->n * sizeof *b->orders);
    for (long k = best_maker(&copy, in); k >= 0 && sum < in->qty; k = best_maker(&copy, in)) {
        if (copy.orders[k].owner == in->owner && b->cfg.stp == ECGRT_STP_CANCEL_INCOMING)
            break;
        if (copy.orders[k].owner != in->owner)
            sum += copy.orders[k].qty;
        remove_at(&copy, (size_t)k);
    }
    free(copy.orders);
    return sum >= in->qty;
}

static enum ecgrt_reject_reason check_fields(const struct ref_book *b,
                                             const struct ecgrt_match_order *o)
{
    if (o->instrument >= b->cfg.instruments)
        return ECGRT_REJECT_UNKNOWN_INSTRUMENT;
    if (o->qty == 0)
        return ECGRT_REJECT_ZERO_QUANTITY;
    if (o->type != ECGRT_ORDER_MARKET &&
        (o->price < b->cfg.min_price || o->price > b->cfg.max_price))
        return ECGRT_REJECT_PRICE_OUT_OF_BAND;
    return ECGRT_REJECT_NONE;
}

static enum ecgrt_reject_reason check(const struct ref_book *b, const struct ecgrt_match_order *o)
{
    enum ecgrt_reject_reason reason = check_fields(b, o);
    int rests = o->type == ECGRT_ORDER_LIMIT || o->type == ECGRT_ORDER_POST;

    if (reason != ECGRT_REJECT_NONE)
        return reason;
    if (find(b, o->id) >= 0)
        return ECGRT_REJECT_DUPLICATE_ID;
    if (rests && b->n == b->cfg.max_orders)
        return ECGRT_REJECT_BOOK_FULL;
    if (o->type == ECGRT_ORDER_POST && best_maker(b, o) >= 0)
        return ECGRT_REJECT_WOULD_CROSS;
    return ECGRT_REJECT_NONE;
}

/* Trades or self-trade-cancels the best maker k; returns nonzero when the taker must stop. */
static int take(struct ref_book *b, struct ecgrt_match_order *in, size_t k)
{
    struct ref_order maker = b->orders[k];
    uint64_t q = maker.qty < in->qty ? maker.qty : in->qty;

    if (maker.owner == in->owner) {
        if (b->cfg.stp == ECGRT_STP_CANCEL_INCOMING)
            return 1;
        remove_at(b, k);
        emit(b, (struct ecgrt_match_event){
                    .kind = ECGRT_EVENT_CANCELLED, .id = maker.id, .remaining = maker.qty });
        return 0;
    }
    emit(b, (struct ecgrt_match_event){ .kind = ECGRT_EVENT_TRADE,
                                        .instrument = in->instrument,
                                        .maker = maker.id,
                                        .taker = in->id,
                                        .price = maker.price,
                                        .qty = q });
    in->qty -= q;
    b->orders[k].qty -= q;
    if (b->orders[k].qty == 0)
        remove_at(b, k);
    return 0;
}

/* Matches in against the book; returns nonzero when a self-trade stopped it. */
static int match(struct ref_book *b, struct ecgrt_match_order *in)
{
    int stopped = 0;

    while (in->qty > 0 && !stopped) {
        long k = best_maker(b, in);
        int64_t price;
        enum ecgrt_side side;
        uint64_t before;
        if (k < 0)
            break;
        price = b->orders[k].price;
        side = b->orders[k].side;
        before = level_total(b, in->instrument, side, price);
        while (k >= 0 && b->orders[k].price == price && in->qty > 0 && !stopped) {
            stopped = take(b, in, (size_t)k);
            k = best_maker(b, in);
        }
        if (level_total(b, in->instrument, side, price) != before)
            emit_level(b, in->instrument, side, price);
    }
    return stopped;
}

static void rest(struct ref_book *b, const struct ecgrt_match_order *in)
{
    b->orders[b->n++] = (struct ref_order){ .id = in->id,
                                            .qty = in->qty,
                                            .seq = b->next_seq++,
                                            .price = in->price,
                                            .owner = in->owner,
                                            .instrument = in->instrument,
                                            .side = in->side };
    emit_level(b, in->instrument, in->side, in->price);
}

void ref_book_add(struct ref_book *b, const struct ecgrt_match_order *o)
{
    enum ecgrt_reject_reason reason = check(b, o);
    struct ecgrt_match_order in = *o;
    int stopped;

    if (reason != ECGRT_REJECT_NONE) {
        emit(b, (struct ecgrt_match_event){
                    .kind = ECGRT_EVENT_REJECTED, .id = o->id, .reason = reason });
        return;
    }
    emit(b, (struct ecgrt_match_event){ .kind = ECGRT_EVENT_ACCEPTED, .id = o->id });
    if (o->type == ECGRT_ORDER_FOK && !can_fill(b, o)) {
        emit(b, (struct ecgrt_match_event){
                    .kind = ECGRT_EVENT_CANCELLED, .id = o->id, .remaining = o->qty });
        return;
    }
    stopped = match(b, &in);
    if (in.qty == 0)
        return;
    if (!stopped && (o->type == ECGRT_ORDER_LIMIT || o->type == ECGRT_ORDER_POST))
        rest(b, &in);
    else
        emit(b, (struct ecgrt_match_event){
                    .kind = ECGRT_EVENT_CANCELLED, .id = o->id, .remaining = in.qty });
}

void ref_book_cancel(struct ref_book *b, uint64_t id)
{
    long k = find(b, id);
    struct ref_order o;

    if (k < 0) {
        emit(b, (struct ecgrt_match_event){
                    .kind = ECGRT_EVENT_REJECTED, .id = id, .reason = ECGRT_REJECT_UNKNOWN_ID });
        return;
    }
    o = b->orders[k];
    remove_at(b, (size_t)k);
    emit(b,
         (struct ecgrt_match_event){ .kind = ECGRT_EVENT_CANCELLED, .id = id, .remaining = o.qty });
    emit_level(b, o.instrument, o.side, o.price);
}

static enum ecgrt_reject_reason check_modify(const struct ref_book *b, long k, int64_t price,
                                             uint64_t qty)
{
    if (k < 0)
        return ECGRT_REJECT_UNKNOWN_ID;
    if (qty == 0)
        return ECGRT_REJECT_ZERO_QUANTITY;
    if (price < b->cfg.min_price || price > b->cfg.max_price)
        return ECGRT_REJECT_PRICE_OUT_OF_BAND;
    return ECGRT_REJECT_NONE;
}

void ref_book_modify(struct ref_book *b, uint64_t id, int64_t price, uint64_t qty)
{
    long k = find(b, id);
    enum ecgrt_reject_reason reason = check_modify(b, k, price, qty);
    struct ref_order o;
    struct ecgrt_match_order in;

    if (reason != ECGRT_REJECT_NONE) {
        emit(b, (struct ecgrt_match_event){
                    .kind = ECGRT_EVENT_REJECTED, .id = id, .reason = reason });
        return;
    }
    o = b->orders[k];
    emit(b, (struct ecgrt_match_event){
                .kind = ECGRT_EVENT_MODIFIED, .id = id, .price = price, .qty = qty });
    if (price == o.price && qty <= o.qty) {
        b->orders[k].qty = qty;
        emit_level(b, o.instrument, o.side, o.price);
        return;
    }
    remove_at(b, (size_t)k);
    emit_level(b, o.instrument, o.side, o.price);
    in = (struct ecgrt_match_order){ .id = id,
                                     .owner = o.owner,
                                     .instrument = o.instrument,
                                     .side = o.side,
                                     .type = ECGRT_ORDER_LIMIT,
                                     .price = price,
                                     .qty = qty };
    if (match(b, &in) && in.qty > 0) {
        emit(b, (struct ecgrt_match_event){
                    .kind = ECGRT_EVENT_CANCELLED, .id = id, .remaining = in.qty });
        return;
    }
    if (in.qty > 0)
        rest(b, &in);
}

int ref_book_best(const struct ref_book *b, uint32_t instrument, enum ecgrt_side side,
                  int64_t *out_price, uint64_t *out_total)
{
    long best = -1;

    for (size_t i = 0; i < b->n; i++) {
        const struct ref_order *o = &b->orders[i];
        if (o->instrument == instrument && o->side == side &&
            (best < 0 || better(o, &b->orders[best])))
            best = (long)i;
    }
    if (best < 0)
        return 0;
    *out_price = b->orders[best].price;
    *out_total = level_total(b, instrument, side, b->orders[best].price);
    return 1;
}

void ref_event_fields(uint64_t out[REF_EVENT_FIELDS], const struct ecgrt_match_event *e)
{
    const uint64_t fields[REF_EVENT_FIELDS] = {
        (uint64_t)e->kind, (uint64_t)e->side, (uint64_t)e->reason, e->instrument, e->id,
        e->maker,          e->taker,          (uint64_t)e->price,  e->qty,        e->remaining,
        e->total,
    };

    memcpy(out, fields, sizeof fields);
}

const char *ref_event_field_name(size_t i)
{
    static const char *const names[REF_EVENT_FIELDS] = {
        "kind",  "side",  "reason", "instrument", "id",    "maker",
        "taker", "price", "qty",    "remaining",  "total",
    };

    return i < REF_EVENT_FIELDS ? names[i] : "?";
}

int ref_event_diff(const struct ecgrt_match_event *a, const struct ecgrt_match_event *b)
{
    uint64_t x[REF_EVENT_FIELDS], y[REF_EVENT_FIELDS];

    ref_event_fields(x, a);
    ref_event_fields(y, b);
    for (int i = 0; i < REF_EVENT_FIELDS; i++) {
        if (x[i] != y[i])
            return i;
    }
    return -1;
}
