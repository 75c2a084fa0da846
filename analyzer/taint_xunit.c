/* Interfaces of units for cross-unit taint, and their link; see taint_xunit.h. The link
 * sorts every unit's facts by key once, then hands each key to the units that use its name,
 * so seeds come out sorted and independent of the order units were analysed in. */
#include "analyzer/taint_xunit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/taint_xunit_run.h"

void ecg_xiface_init(struct ecg_xiface *x)
{
    memset(x, 0, sizeof(*x));
}

void ecg_xnames_fini(struct ecg_xnames *names)
{
    for (size_t i = 0; i < names->len; i++)
        free(names->items[i]);
    free(names->items);
    memset(names, 0, sizeof(*names));
}

static void origin_fini(struct ecg_xorigin *o)
{
    for (size_t i = 0; i < o->n_steps; i++) {
        free(o->steps[i].path);
        free(o->steps[i].text);
    }
    free(o->steps);
    memset(o, 0, sizeof(*o));
}

static void fact_fini(struct ecg_xfact *f)
{
    free(f->name);
    free(f->field);
    origin_fini(&f->origin);
}

void ecg_xfacts_fini(struct ecg_xfacts *facts)
{
    for (size_t i = 0; i < facts->len; i++)
        fact_fini(&facts->items[i]);
    free(facts->items);
    memset(facts, 0, sizeof(*facts));
}

void ecg_xiface_fini(struct ecg_xiface *x)
{
    if (x == NULL)
        return;
    ecg_xnames_fini(&x->defines);
    ecg_xnames_fini(&x->calls);
    ecg_xnames_fini(&x->reads);
    ecg_xfacts_fini(&x->facts);
    ecg_xnames_fini(&x->wants);
}

/* The position of name in the sorted list, or where it would go (*found 0). */
static size_t name_position(const struct ecg_xnames *names, const char *name, int *found)
{
    size_t lo = 0, hi = names->len;

    *found = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(names->items[mid], name);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int ecg_taint_xunit_name_has(const struct ecg_xnames *names, const char *name)
{
    int found;

    name_position(names, name, &found);
    return found;
}

int ecg_taint_xunit_name_add(struct ecg_xnames *names, const char *name)
{
    int found;
    size_t at = name_position(names, name, &found);
    char *copy;

    if (found)
        return 0;
    if (names->len == names->cap) {
        size_t cap = names->cap != 0 ? names->cap * 2 : 16;
        char **grown = realloc(names->items, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        names->items = grown;
        names->cap = cap;
    }
    copy = strdup(name);
    if (copy == NULL)
        return ECG_ENOMEM;
    memmove(&names->items[at + 1], &names->items[at], (names->len - at) * sizeof(char *));
    names->items[at] = copy;
    names->len++;
    return 0;
}

static const char *field_of(const struct ecg_xfact *f)
{
    return f->field != NULL ? f->field : "";
}

static int same_key(const struct ecg_xfact *a, const struct ecg_xfact *b)
{
    return a->value == b->value && a->what == b->what && a->index == b->index &&
           a->pointee == b->pointee && strcmp(a->name, b->name) == 0 &&
           strcmp(field_of(a), field_of(b)) == 0;
}

/* Orders the sizes of two facts of one key, the worse first: the smaller buffer, the longer
 * string; an unknown size (-1) last. */
static int compare_sizes(const struct ecg_xfact *a, const struct ecg_xfact *b)
{
    int64_t x = a->size, y = b->size;

    if (x < 0 || y < 0)
        return (x < 0) - (y < 0);
    if (a->value == ECG_XV_STRING)
        return (x < y) - (x > y);
    return (x > y) - (x < y);
}

static int compare_steps(const struct ecg_xstep *x, const struct ecg_xstep *y)
{
    int c = strcmp(x->path, y->path);

    if (c == 0)
        c = (x->line > y->line) - (x->line < y->line);
    if (c == 0)
        c = (x->col > y->col) - (x->col < y->col);
    if (c == 0)
        c = (x->end_line > y->end_line) - (x->end_line < y->end_line);
    if (c == 0)
        c = (x->end_col > y->end_col) - (x->end_col < y->end_col);
    return c != 0 ? c : strcmp(x->text, y->text);
}

/* Orders the origins of one place, the one reported first: the shorter flow, then the earlier
 * steps, then the source kind. A total order, so the origin a place keeps depends only on
 * which origins reach it, not on the order units or rounds found them. */
static int compare_origins(const struct ecg_xorigin *a, const struct ecg_xorigin *b)
{
    int c = (a->n_steps > b->n_steps) - (a->n_steps < b->n_steps);

    for (size_t i = 0; c == 0 && i < a->n_steps; i++)
        c = compare_steps(&a->steps[i], &b->steps[i]);
    return c != 0 ? c : (int)a->kind - (int)b->kind;
}

static int copy_origin(struct ecg_xorigin *out, const struct ecg_xorigin *in)
{
    out->kind = in->kind;
    out->n_steps = 0;
    out->steps = calloc(in->n_steps != 0 ? in->n_steps : 1, sizeof(*out->steps));
    if (out->steps == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < in->n_steps; i++) {
        struct ecg_xstep *s = &out->steps[i];
        *s = in->steps[i];
        s->path = strdup(in->steps[i].path);
        s->text = strdup(in->steps[i].text);
        out->n_steps++;
        if (s->path == NULL || s->text == NULL)
            return ECG_ENOMEM;
    }
    return 0;
}

static int grow_facts(struct ecg_xfacts *facts)
{
    size_t cap = facts->cap != 0 ? facts->cap * 2 : 8;
    struct ecg_xfact *grown;

    if (facts->len < facts->cap)
        return 0;
    grown = realloc(facts->items, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    facts->items = grown;
    facts->cap = cap;
    return 0;
}

/* Appends a deep copy of fact without looking for its key. */
static int fact_push(struct ecg_xfacts *facts, const struct ecg_xfact *fact)
{
    struct ecg_xfact copy = *fact;

    if (grow_facts(facts) != 0)
        return ECG_ENOMEM;
    memset(&copy.origin, 0, sizeof(copy.origin));
    copy.relay = NULL;
    copy.name = strdup(fact->name);
    copy.field = strdup(fact->field != NULL ? fact->field : "");
    if (copy.name == NULL || copy.field == NULL || copy_origin(&copy.origin, &fact->origin) != 0) {
        fact_fini(&copy);
        return ECG_ENOMEM;
    }
    facts->items[facts->len++] = copy;
    return 0;
}

/* Whether fact, of the same place as old, takes its place: a worse pointer state (a smaller
 * buffer, a longer string), or the same state from an origin reported first. */
static int replaces(const struct ecg_xfact *fact, const struct ecg_xfact *old)
{
    int c = fact->value == ECG_XV_TAINT ? 0 : compare_sizes(fact, old);

    return c != 0 ? c < 0 : compare_origins(&fact->origin, &old->origin) < 0;
}

int ecg_taint_xunit_fact_add(struct ecg_xfacts *facts, const struct ecg_xfact *fact)
{
    for (size_t i = 0; i < facts->len; i++) {
        struct ecg_xfact old;
        if (!same_key(&facts->items[i], fact))
            continue;
        if (!replaces(fact, &facts->items[i]))
            return 0;
        /* the fact replaces the one there, in its position */
        old = facts->items[i];
        if (fact_push(facts, fact) != 0)
            return ECG_ENOMEM;
        facts->items[i] = facts->items[--facts->len];
        fact_fini(&old);
        return 0;
    }
    return fact_push(facts, fact);
}

/* --- the link -------------------------------------------------------------------------- */

/* One fact of one unit, for sorting. */
struct keyed {
    const struct ecg_xfact *fact;
    size_t unit;
};

/* Orders facts by key: value, what, name, index, pointee, field. */
static int compare_place(const struct ecg_xfact *a, const struct ecg_xfact *b)
{
    int c = (int)a->value - (int)b->value;

    if (c == 0)
        c = (int)a->what - (int)b->what;
    if (c == 0)
        c = strcmp(a->name, b->name);
    if (c == 0)
        c = (a->index > b->index) - (a->index < b->index);
    if (c == 0)
        c = (int)a->pointee - (int)b->pointee;
    if (c == 0)
        c = strcmp(a->field, b->field);
    return c;
}

/* compare_place, then the worse size first (compare_sizes). */
static int compare_facts(const struct ecg_xfact *a, const struct ecg_xfact *b)
{
    int c = compare_place(a, b);

    return c != 0 ? c : compare_sizes(a, b);
}

size_t ecg_taint_xunit_taint_count(const struct ecg_xfacts *sorted)
{
    size_t n = 0;

    while (n < sorted->len && sorted->items[n].value == ECG_XV_TAINT)
        n++;
    return n;
}

static int compare_fact_items(const void *pa, const void *pb)
{
    return compare_facts(pa, pb);
}

int ecg_taint_xunit_keep(struct ecg_xfacts *seeds, const struct ecg_xfacts *previous)
{
    struct ecg_xfacts merged = { NULL, 0, 0 };
    int rc = 0;

    if (previous->len == 0)
        return 0;
    for (size_t i = 0; rc == 0 && i < previous->len; i++)
        rc = ecg_taint_xunit_fact_add(&merged, &previous->items[i]);
    for (size_t i = 0; rc == 0 && i < seeds->len; i++)
        rc = ecg_taint_xunit_fact_add(&merged, &seeds->items[i]);
    if (rc != 0) {
        ecg_xfacts_fini(&merged);
        return rc;
    }
    qsort(merged.items, merged.len, sizeof(*merged.items), compare_fact_items);
    ecg_xfacts_fini(seeds);
    *seeds = merged;
    return 0;
}

static int compare_keyed(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;
    int c = compare_facts(a->fact, b->fact);

    if (c == 0)
        c = compare_origins(&a->fact->origin, &b->fact->origin);
    return c != 0 ? c : (a->unit > b->unit) - (a->unit < b->unit);
}

/* The place part of a want key. */
static void place_key(char *buf, size_t size, const struct ecg_xfact *f)
{
    snprintf(buf, size, "%u|%u|%s|%u|%u|%s", (unsigned)f->value, (unsigned)f->what, f->name,
             (unsigned)f->index, (unsigned)f->pointee, field_of(f));
}

void ecg_taint_xunit_want_key(char *buf, size_t size, const struct ecg_xfact *f)
{
    size_t len;
    int sized = f->value == ECG_XV_BUFFER || f->value == ECG_XV_STRING;

    place_key(buf, size, f);
    len = strlen(buf);
    if (f->relay != NULL)
        snprintf(buf + len, size - len, "\t@%s", f->relay);
    else if (sized && f->size > 0)
        snprintf(buf + len, size - len, "\t%c%lld", f->value == ECG_XV_BUFFER ? '<' : '>',
                 (long long)f->size);
}

/* Relays are followed this many levels deep (a chain the rounds could not finish matters
 * nowhere). */
#define RELAY_DEPTH ECG_XUNIT_ROUNDS

/* Nonzero when unit x uses the name of fact f as f's what says. */
static int uses_name(const struct ecg_xiface *x, const struct ecg_xfact *f)
{
    switch ((enum ecg_xfact_what)f->what) {
    case ECG_XF_ARG:
        return ecg_taint_xunit_name_has(&x->defines, f->name);
    case ECG_XF_RET:
    case ECG_XF_OUT:
        return ecg_taint_xunit_name_has(&x->calls, f->name);
    case ECG_XF_GLOBAL:
        return ecg_taint_xunit_name_has(&x->reads, f->name);
    }
    return 0;
}

/* Reads the unsigned number before sep at *at and moves past sep; 0 on a malformed key. */
static int key_number(unsigned *out, const char **at, char sep)
{
    char *end;
    unsigned long v = strtoul(*at, &end, 10);

    if (end == *at || *end != sep || v > UINT32_MAX)
        return 0;
    *out = (unsigned)v;
    *at = end + 1;
    return 1;
}

/* Copies the text before sep ('\0': the rest) at *at into buf and moves past sep; 0 when
 * sep is missing or the text does not fit. */
static int key_text(char *buf, size_t size, const char **at, char sep)
{
    const char *end = sep != '\0' ? strchr(*at, sep) : *at + strlen(*at);
    size_t len;

    if (end == NULL)
        return 0;
    len = (size_t)(end - *at);
    if (len >= size)
        return 0;
    memcpy(buf, *at, len);
    buf[len] = '\0';
    *at = sep != '\0' ? end + 1 : end;
    return 1;
}

/* The place a want key (without condition) names, into q, with name and field in the buffers
 * given (of ECG_XWANT_KEY_MAX bytes). 0 when the key is malformed. */
static int parse_place(struct ecg_xfact *q, char *name, char *field, const char *key)
{
    unsigned value, what, index, pointee;
    const char *at = key;

    if (!key_number(&value, &at, '|') || !key_number(&what, &at, '|') ||
        !key_text(name, ECG_XWANT_KEY_MAX, &at, '|') || !key_number(&index, &at, '|') ||
        !key_number(&pointee, &at, '|') || !key_text(field, ECG_XWANT_KEY_MAX, &at, '\0'))
        return 0;
    if (value >= ECG_XV_KINDS || what > ECG_XF_GLOBAL)
        return 0;
    memset(q, 0, sizeof(*q));
    q->value = (uint8_t)value;
    q->what = (uint8_t)what;
    q->index = index;
    q->pointee = pointee != 0;
    q->name = name;
    q->field = field;
    return 1;
}

/* Nonzero when unit x receives the place a want key names (defines, calls or reads its
 * name); a malformed key counts as received. */
static int receives(const struct ecg_xiface *x, const char *key)
{
    char name[ECG_XWANT_KEY_MAX], field[ECG_XWANT_KEY_MAX];
    struct ecg_xfact q;

    return !parse_place(&q, name, field, key) || uses_name(x, &q);
}

/* Splits a want into its place key (into buf, of ECG_XWANT_KEY_MAX bytes) and returns its
 * condition: what follows the tab, "" for a plain want. */
static const char *want_split(char *buf, const char *want)
{
    const char *tab = strchr(want, '\t');
    size_t len = tab != NULL ? (size_t)(tab - want) : strlen(want);

    if (len >= ECG_XWANT_KEY_MAX)
        len = ECG_XWANT_KEY_MAX - 1;
    memcpy(buf, want, len);
    buf[len] = '\0';
    return tab != NULL ? tab + 1 : "";
}

/* Adds to out the places unit x receives and asks about: on the first pass (relays 0) under
 * a condition of their own, after it through a relay to a place out holds already. */
static int add_wanted(struct ecg_xnames *out, const struct ecg_xiface *x, int relays)
{
    char place[ECG_XWANT_KEY_MAX];
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < x->wants.len; i++) {
        const char *cond = want_split(place, x->wants.items[i]);
        int relay = cond[0] == '@';
        if (relay != (relays != 0) || ecg_taint_xunit_name_has(out, place))
            continue;
        if (relay && !ecg_taint_xunit_name_has(out, cond + 1))
            continue;
        if (receives(x, place))
            rc = ecg_taint_xunit_name_add(out, place);
    }
    return rc;
}

/* The places some unit that receives them asks about, directly or through relays (up to
 * RELAY_DEPTH levels), as place keys: where a relay to them holds. A bound behind a relay
 * counts as met: the value handed on may have changed size on the way. */
static int wanted_places(struct ecg_xnames *out, const struct ecg_xiface *const *ifaces, size_t n)
{
    size_t before = SIZE_MAX;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    for (int pass = 0; rc == 0 && pass < RELAY_DEPTH && out->len != before; pass++) {
        before = pass > 0 ? out->len : SIZE_MAX;
        for (size_t u = 0; rc == 0 && u < n; u++)
            rc = ifaces[u] != NULL ? add_wanted(out, ifaces[u], pass) : 0;
    }
    if (rc != 0)
        ecg_xnames_fini(out);
    return rc;
}

/* Nonzero when the condition cond of a want (what follows its tab) holds for f; wanted: the
 * places wanted further on (wanted_places). */
static int holds(const struct ecg_xnames *wanted, const char *cond, const struct ecg_xfact *f)
{
    char *end;
    long long bound;

    if (cond[0] == '@')
        return ecg_taint_xunit_name_has(wanted, cond + 1);
    bound = strtoll(cond + 1, &end, 10);
    if (end == cond + 1 || *end != '\0')
        return 1;
    if (cond[0] == '<')
        return f->size > 0 && f->size < bound;
    if (cond[0] == '>')
        return f->size >= bound;
    return 1;
}

/* Nonzero when unit x uses the name of fact f and, for a pointer state, asked about it under
 * a condition that holds for it (taint facts need no asking). */
static int uses(const struct ecg_xnames *wanted, const struct ecg_xiface *x,
                const struct ecg_xfact *f)
{
    char key[ECG_XWANT_KEY_MAX];
    size_t len;
    int found;
    size_t at;

    if (!uses_name(x, f))
        return 0;
    if (f->value == ECG_XV_TAINT)
        return 1;
    place_key(key, sizeof(key), f);
    len = strlen(key);
    at = name_position(&x->wants, key, &found);
    if (found)
        return 1;
    /* the conditional wants of the place sort right after it: a tab sorts before text */
    for (; at < x->wants.len; at++) {
        const char *w = x->wants.items[at];
        if (strncmp(w, key, len) != 0 || w[len] != '\t')
            return 0;
        if (holds(wanted, w + len + 1, f))
            return 1;
    }
    return 0;
}

static struct keyed *sorted_facts(const struct ecg_xiface *const *ifaces, size_t n, size_t *out_n)
{
    size_t total = 0, k = 0;
    struct keyed *all;

    for (size_t u = 0; u < n; u++)
        total += ifaces[u] != NULL ? ifaces[u]->facts.len : 0;
    all = calloc(total != 0 ? total : 1, sizeof(*all));
    if (all == NULL)
        return NULL;
    for (size_t u = 0; u < n; u++) {
        for (size_t i = 0; ifaces[u] != NULL && i < ifaces[u]->facts.len; i++)
            all[k++] = (struct keyed){ &ifaces[u]->facts.items[i], u };
    }
    qsort(all, total, sizeof(*all), compare_keyed);
    *out_n = total;
    return all;
}

/* Hands the key group all[from, to) to every unit that uses its name: the first fact of
 * another unit. */
static int deliver(struct ecg_xfacts *out, const struct ecg_xiface *const *ifaces, size_t n,
                   const struct ecg_xnames *wanted, const struct keyed *group, size_t len)
{
    for (size_t v = 0; v < n; v++) {
        const struct keyed *pick = NULL;
        if (ifaces[v] == NULL)
            continue;
        for (size_t i = 0; i < len && pick == NULL; i++)
            pick = group[i].unit != v ? &group[i] : NULL;
        if (pick == NULL || !uses(wanted, ifaces[v], pick->fact))
            continue;
        if (fact_push(&out[v], pick->fact) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

/* Hands every key group of all (sorted, total facts) to the units that use it. */
static int deliver_all(struct ecg_xfacts *out, const struct ecg_xiface *const *ifaces, size_t n,
                       const struct keyed *all, size_t total)
{
    struct ecg_xnames wanted;
    size_t from = 0;
    int rc = wanted_places(&wanted, ifaces, n);

    while (rc == 0 && from < total) {
        size_t to = from + 1;
        while (to < total && compare_place(all[from].fact, all[to].fact) == 0)
            to++;
        rc = deliver(out, ifaces, n, &wanted, &all[from], to - from);
        from = to;
    }
    ecg_xnames_fini(&wanted);
    return rc;
}

int ecg_taint_xunit_link(struct ecg_xfacts *out, const struct ecg_xiface *const *ifaces, size_t n)
{
    size_t total = 0;
    struct keyed *all = sorted_facts(ifaces, n, &total);
    int rc = all != NULL ? 0 : ECG_ENOMEM;

    for (size_t v = 0; v < n; v++)
        memset(&out[v], 0, sizeof(out[v]));
    if (rc == 0)
        rc = deliver_all(out, ifaces, n, all, total);
    free(all);
    for (size_t v = 0; rc != 0 && v < n; v++)
        ecg_xfacts_fini(&out[v]);
    return rc;
}

int ecg_taint_xunit_same(const struct ecg_xfacts *a, const struct ecg_xfacts *b)
{
    if (a->len != b->len)
        return 0;
    for (size_t i = 0; i < a->len; i++) {
        if (compare_facts(&a->items[i], &b->items[i]) != 0 ||
            compare_origins(&a->items[i].origin, &b->items[i].origin) != 0)
            return 0;
    }
    return 1;
}
