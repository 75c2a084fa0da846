/* The synthetic flow of flow.h. Each step picks an instrument (skewed: a few are busy), then
 * an action from the number of orders the generator believes rest: a resting add at a Pareto
 * distance from the touch, a marketable add (IOC, market or crossing limit), a cancel (recent
 * orders more often) or a modify. Mid prices random-walk, so old orders sometimes cross. The
 * live set follows an engine's events (fills, self-trade cancels), so it is exact. */
#include "bench/match/flow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct live {
    uint64_t id;
    int64_t price;
    uint64_t qty;
    uint32_t instrument;
    uint32_t side;
};

struct gen {
    const struct flow_params *p;
    uint64_t rng;
    int64_t *mid; /* per instrument */
    struct live *live;
    size_t n_live;
    size_t cap_live;
    uint64_t next_id;
    int32_t *pos; /* id -> index in live, or -1; ids 0..commands */
    struct ecgrt_match *m;
    struct flow *f;
};

static uint64_t rnd(struct gen *g)
{
    uint64_t z = (g->rng += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double unit(struct gen *g)
{
    return (double)(rnd(g) >> 11) * (1.0 / 9007199254740992.0);
}

/* Ticks away from the touch: Pareto with shape 1.3, so half within 1 tick, a long tail. */
static int64_t distance(struct gen *g, int64_t cap)
{
    double u = unit(g);
    double d = pow(1.0 - u, -1.0 / 1.3) - 1.0;

    return d > (double)cap ? cap : (int64_t)d;
}

static uint64_t quantity(struct gen *g)
{
    return 100 * (1 + rnd(g) % 10) + (rnd(g) % 4 == 0 ? rnd(g) % 100 : 0);
}

static void forget(struct gen *g, uint64_t id)
{
    int32_t i = g->pos[id];

    if (i < 0)
        return;
    g->live[i] = g->live[--g->n_live];
    g->pos[g->live[i].id] = i;
    g->pos[id] = -1;
}

static void on_fill(struct gen *g, uint64_t id, uint64_t qty)
{
    int32_t i = g->pos[id];

    if (i < 0)
        return;
    g->live[i].qty -= qty < g->live[i].qty ? qty : g->live[i].qty;
    if (g->live[i].qty == 0)
        forget(g, id);
}

/* The generator's engine reports fills and cancellations: the live set follows them. */
static void on_event(void *ctx, const struct ecgrt_match_event *ev)
{
    struct gen *g = ctx;

    if (ev->kind == ECGRT_EVENT_TRADE) {
        on_fill(g, ev->maker, ev->qty);
        on_fill(g, ev->taker, ev->qty);
    } else if (ev->kind == ECGRT_EVENT_CANCELLED || ev->kind == ECGRT_EVENT_REJECTED) {
        forget(g, ev->id);
    }
}

static void push(struct gen *g, const struct ecgrt_match_command *c)
{
    struct flow *f = g->f;

    f->cmds[f->n] = *c;
    ecgrt_match_encode(f->records + f->n * ECGRT_MATCH_RECORD_SIZE, c);
    f->n++;
    ecgrt_match_apply(g->m, c);
}

static void remember(struct gen *g, const struct ecgrt_match_order *o)
{
    if (g->n_live == g->cap_live)
        return;
    g->pos[o->id] = (int32_t)g->n_live;
    g->live[g->n_live++] = (struct live){ o->id, o->price, o->qty, o->instrument, o->side };
}

static int64_t clamp_price(int64_t price)
{
    price = price < FLOW_MIN_PRICE ? FLOW_MIN_PRICE : price;
    return price > FLOW_MAX_PRICE ? FLOW_MAX_PRICE : price;
}

/* A marketable order is IOC (40%), market (20%) or a crossing limit (40%). */
static enum ecgrt_order_type marketable_type(struct gen *g)
{
    uint64_t r = rnd(g) % 10;

    if (g->p->add_cancel_only)
        return ECGRT_ORDER_LIMIT;
    return r < 4 ? ECGRT_ORDER_IOC : r < 6 ? ECGRT_ORDER_MARKET : ECGRT_ORDER_LIMIT;
}

static void add(struct gen *g, uint32_t inst, int marketable)
{
    struct ecgrt_match_command c = { .kind = ECGRT_COMMAND_ADD };
    struct ecgrt_match_order *o = &c.order;
    int buy = rnd(g) & 1;
    int64_t d = marketable ? -1 - distance(g, 3) : 1 + distance(g, 2000);

    o->id = g->next_id++;
    o->owner = 1 + (uint32_t)(rnd(g) % 500);
    o->instrument = inst;
    o->side = buy ? ECGRT_SIDE_BUY : ECGRT_SIDE_SELL;
    o->type = marketable ? marketable_type(g) : ECGRT_ORDER_LIMIT;
    o->price = clamp_price(buy ? g->mid[inst] - d : g->mid[inst] + d);
    o->qty = marketable ? quantity(g) / 2 : quantity(g);
    if (o->type == ECGRT_ORDER_LIMIT)
        remember(g, o);
    push(g, &c);
    g->f->adds_resting += !marketable;
    g->f->adds_marketable += marketable;
}

/* A live order: half the time one of the 32 newest (most cancels come quickly). */
static size_t pick(struct gen *g)
{
    if (g->n_live > 32 && rnd(g) % 2 == 0)
        return g->n_live - 1 - rnd(g) % 32;
    return rnd(g) % g->n_live;
}

static void cancel(struct gen *g)
{
    struct ecgrt_match_command c = { .kind = ECGRT_COMMAND_CANCEL, .id = g->live[pick(g)].id };

    push(g, &c);
    g->f->cancels++;
}

/* Most modifies shrink an order (it keeps its place); the others move it a tick away. */
static void modify(struct gen *g)
{
    struct live *l = &g->live[pick(g)];
    struct ecgrt_match_command c = { .kind = ECGRT_COMMAND_MODIFY, .id = l->id };

    if (rnd(g) % 10 < 6 && l->qty > 1) {
        l->qty -= 1 + rnd(g) % (l->qty / 2 + 1) / 2;
    } else {
        l->price = clamp_price(l->price + (l->side == ECGRT_SIDE_BUY ? -1 : 1));
    }
    c.price = l->price;
    c.qty = l->qty;
    push(g, &c);
    g->f->modifies++;
}

static void step(struct gen *g)
{
    uint32_t n = g->p->instruments;
    uint32_t inst = (uint32_t)((rnd(g) % n) * (rnd(g) % n) / n); /* skewed to low numbers */
    double u = unit(g);
    double p_cancel = g->n_live > g->p->live_target ? 0.55 : 0.33;
    double p_modify = g->p->add_cancel_only ? 0.0 : 0.04;

    if (rnd(g) % 256 == 0)
        g->mid[inst] += rnd(g) % 2 ? 1 : -1;
    if (g->n_live > 0 && u < p_cancel)
        cancel(g);
    else if (g->n_live > 0 && u < p_cancel + p_modify)
        modify(g);
    else
        add(g, inst, u > 0.92);
}

static int gen_alloc(struct gen *g, struct flow *f, const struct flow_params *p)
{
    struct ecgrt_match_config cfg = {
        .instruments = p->instruments,
        .min_price = FLOW_MIN_PRICE,
        .max_price = FLOW_MAX_PRICE,
        .max_orders = p->max_orders,
        .stp = ECGRT_STP_CANCEL_RESTING,
        .on_event = on_event,
        .ctx = g,
    };

    memset(f, 0, sizeof *f);
    g->cap_live = (size_t)p->max_orders;
    f->cmds = malloc(p->commands * sizeof *f->cmds);
    f->records = malloc(p->commands * ECGRT_MATCH_RECORD_SIZE);
    g->mid = malloc(p->instruments * sizeof *g->mid);
    g->live = malloc(g->cap_live * sizeof *g->live);
    g->pos = malloc((p->commands + 1) * sizeof *g->pos);
    if (f->cmds == NULL || f->records == NULL || g->mid == NULL || g->live == NULL ||
        g->pos == NULL)
        return -1;
    memset(g->pos, 0xff, (p->commands + 1) * sizeof *g->pos);
    return ecgrt_match_new(&g->m, &cfg) == 0 ? 0 : -1;
}

static void gen_free(struct gen *g)
{
    free(g->mid);
    free(g->live);
    free(g->pos);
    ecgrt_match_free(g->m);
}

int flow_generate(struct flow *out, const struct flow_params *p)
{
    struct flow f;
    struct gen g = { .p = p, .rng = p->seed, .next_id = 1, .f = &f };
    int rc = gen_alloc(&g, &f, p);

    for (uint32_t i = 0; rc == 0 && i < p->instruments; i++)
        g.mid[i] = 5000 + (int64_t)(rnd(&g) % 40000);
    while (rc == 0 && f.n < p->commands)
        step(&g);
    f.max_id = g.next_id - 1;
    gen_free(&g);
    if (rc != 0) {
        flow_free(&f);
        return rc;
    }
    *out = f;
    return 0;
}

void flow_free(struct flow *f)
{
    free(f->cmds);
    free(f->records);
    f->cmds = NULL;
    f->records = NULL;
}

static int grow(struct flow *f, size_t *cap)
{
    size_t n = *cap ? *cap * 2 : 65536;
    struct ecgrt_match_command *c = realloc(f->cmds, n * sizeof *c);
    unsigned char *r;

    if (c == NULL)
        return -1;
    f->cmds = c;
    r = realloc(f->records, n * ECGRT_MATCH_RECORD_SIZE);
    if (r == NULL)
        return -1;
    f->records = r;
    *cap = n;
    return 0;
}

static void note(struct flow *f, const struct ecgrt_match_command *c)
{
    uint64_t id = c->kind == ECGRT_COMMAND_ADD ? c->order.id : c->id;

    f->max_id = id > f->max_id ? id : f->max_id;
    f->adds_resting += c->kind == ECGRT_COMMAND_ADD;
    f->cancels += c->kind == ECGRT_COMMAND_CANCEL;
    f->modifies += c->kind == ECGRT_COMMAND_MODIFY;
}

/* Appends one parsed command; 0 or -1 (out of memory). */
static int append(struct flow *f, size_t *cap, const struct ecgrt_match_command *c)
{
    if (f->n == *cap && grow(f, cap) != 0)
        return -1;
    f->cmds[f->n] = *c;
    ecgrt_match_encode(f->records + f->n * ECGRT_MATCH_RECORD_SIZE, c);
    note(f, c);
    f->n++;
    return 0;
}

int flow_read_text(struct flow *out, const char *path)
{
    FILE *fp = fopen(path, "r");
    struct flow f;
    size_t cap = 0;
    char line[512];
    char err[128];
    int rc = fp == NULL ? -1 : 0;

    memset(&f, 0, sizeof f);
    while (rc == 0 && fgets(line, sizeof line, fp) != NULL) {
        struct ecgrt_match_command c;
        int got = ecgrt_match_parse_line(&c, line, strcspn(line, "\n"), err, sizeof err);
        if (got < 0)
            rc = -1;
        else if (got == 1)
            rc = append(&f, &cap, &c);
    }
    if (fp != NULL)
        fclose(fp);
    if (rc != 0) {
        flow_free(&f);
        return rc;
    }
    *out = f;
    return 0;
}
