/* The per-unit reader of atomic operations; see atomics_unit.h. Readings sit in a
 * direct-mapped cache keyed by the expression node, so memory stays bounded on huge units; the
 * wrapper verdict of each called function and the macro expansions a wrapper macro claimed
 * are kept for the whole unit. Invariant: a claimed expansion reads as one operation, at
 * its owner, the outermost cursor that spans the whole invocation. */
#include "rules/support/atomics_unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "analyzer/cursormap.h"
#include "analyzer/error.h"
#include "rules/rule.h"
#include "rules/support/atomics_margs.h"
#include "rules/support/atomics_places.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_kids.h"
#include "rules/support/atomics_typeof.h"
#include "rules/support/atomics_where.h"

#define AU_CACHE 4096 /* readings kept; a power of two */
#define AU_MAX_ARGS RULE_ATOMICS_MACRO_ARGS

/* A reading; valid only where the unit's filled[] says so. */
struct au_entry {
    CXCursor key;
    int found;
    struct rule_atomics_op op;
};

/* A called function: whether it is a wrapper. Allocated one by one, so names stay put. */
struct au_fn {
    char name[RULE_ATOMICS_WRAP_NAME];
    const struct rule_atomics_wrapper *wrapper; /* NULL: not a wrapper */
    struct rule_atomics_wrapper inferred;       /* wrapper points here when inferred */
};

/* A wrapper macro's expansion, claimed by the first cursor read that spans it. */
struct au_claim {
    CXFile file;
    unsigned offset; /* of the macro name */
    CXCursor owner;
    int found;
    struct rule_atomics_op op;
};

/* A wrapper macro's expansion: the place of its name, its cursor, name and wrapper. */
struct au_expansion {
    CXFile file;
    unsigned offset;
    CXCursor mexp;
    const char *word; /* interned in the unit's names */
    const struct rule_atomics_wrapper *wrapper;
};

/* The expansions of wrapper macros in the unit, found once from the preprocessing record so
 * that most expressions are ruled out without reading a token. Open addressing. */
struct au_site_set {
    struct au_expansion *slots; /* owned; n_slots entries, file NULL when empty */
    size_t n_slots;             /* a power of two, at least twice len; 0 before the first */
    size_t len;
    int failed; /* memory ran out: every expression is looked at */
};

struct rule_atomics_unit {
    CXTranslationUnit tu;
    struct au_entry *cache;   /* owned, AU_CACHE entries */
    unsigned char *filled;    /* owned, AU_CACHE flags: cache[i] holds a reading */
    struct ecg_cursormap fns; /* called functions examined, by canonical declaration */
    struct au_fn **fn;        /* owned; fn[i] for fns index i */
    size_t fn_cap;
    struct au_claim *claims; /* owned */
    size_t n_claims;
    size_t cap_claims;
    uint32_t *claim_slots;    /* owned; open addressing: claim index + 1, 0 when empty */
    size_t n_claim_slots;     /* a power of two, at least twice n_claims; 0 before the first */
    struct au_site_set sites; /* where wrapper macros are expanded; filled on first use */
    int sites_ready;
    int record_seen; /* the search for sites has met the preprocessing record */
    int fed;         /* the walk hands the unit's top-level cursors to the search (top_level) */
    int done;        /* the search has passed the preprocessing record (or memory ran out) */
    struct rule_atomics_places places; /* the sites and #include lines, for fn_may_expand */
    const void *gate_decl;             /* the function fn_may_expand last answered for */
    int gate_open;                     /* its answer */
    int no_sites;                      /* the expression being read starts no expansion */
    const struct rule_ctx *reading;    /* the rule reading, during rule_atomics_read; else NULL */
    /* The children of the unexposed expression visited last: the reading and
     * lockfree-false-sharing both look at them at the same walk event. */
    struct rule_atomics_children children;
    CXCursor children_of; /* whose they are; valid when children_ready */
    int children_ready;
    struct rule_atomics_kids kids;         /* the unit's memo of children, shared by the rules */
    struct rule_atomics_where_memo starts; /* where read expressions start; zeroed */
    char **names; /* owned: the wrapper macros' names read so far, for ops' names */
    size_t n_names;
    struct rule_atomics_wrapper *config; /* owned */
    size_t n_config;
    const struct rule_atomics_wrapper *profiles;
    size_t n_profiles;
};

struct rule_atomics_unit *rule_atomics_unit_new(CXTranslationUnit tu)
{
    struct rule_atomics_unit *u = calloc(1, sizeof(*u));

    if (u == NULL)
        return NULL;
    /* left uninitialised: a unit touches few of the slots, and filled[] guards them */
    u->cache = malloc(AU_CACHE * sizeof(*u->cache));
    u->filled = calloc(AU_CACHE, 1);
    if (u->cache == NULL || u->filled == NULL) {
        free(u->cache);
        free(u->filled);
        free(u);
        return NULL;
    }
    u->tu = tu;
    /* without its slots the memo answers by plain visits: the same answers, slower */
    (void)rule_atomics_kids_init(&u->kids);
    ecg_cursormap_init(&u->fns);
    rule_atomics_places_init(&u->places);
    u->profiles = rule_atomics_wrap_profiles(&u->n_profiles);
    return u;
}

void rule_atomics_unit_free(struct rule_atomics_unit *u)
{
    if (u == NULL)
        return;
    for (size_t i = 0; i < u->fns.len; i++)
        free(u->fn[i]);
    free(u->fn);
    ecg_cursormap_fini(&u->fns);
    free(u->claims);
    free(u->claim_slots);
    free(u->sites.slots);
    rule_atomics_places_fini(&u->places);
    for (size_t i = 0; i < u->n_names; i++)
        free(u->names[i]);
    free(u->names);
    free(u->config);
    rule_atomics_kids_fini(&u->kids);
    free(u->cache);
    free(u->filled);
    free(u);
}

int rule_atomics_unit_add_wrapper(struct rule_atomics_unit *u, const char *entry)
{
    struct rule_atomics_wrapper w;
    struct rule_atomics_wrapper *grown;

    if (!rule_atomics_wrap_parse(&w, entry))
        return ECG_ECONFIG;
    grown = realloc(u->config, (u->n_config + 1) * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    u->config = grown;
    u->config[u->n_config++] = w;
    return 0;
}

/* Whether a and b are one expression. libclang gives an expression's cursor the enclosing
 * declaration it was reached from, which a visit started at an expression leaves unset, so
 * clang_equalCursors can tell one node from itself; the node (data[1]) identifies it. */
static int same_expr(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && a.data[1] == b.data[1] && a.data[2] == b.data[2];
}

/* The cache slot of an expression: a hash of its node, which same_expr compares. */
static unsigned node_slot(CXCursor expr)
{
    uint64_t h = (uint64_t)(uintptr_t)expr.data[1] * 0x9e3779b97f4a7c15ull;

    return (unsigned)(h >> 40) & (AU_CACHE - 1);
}

/* The kinds RULE_ATOMICS_CURSOR_KINDS lists: the only cursors that can be an operation. */
static int is_atomic_kind(enum CXCursorKind kind)
{
    return kind == CXCursor_CallExpr || kind == CXCursor_UnexposedExpr ||
           kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator ||
           kind == CXCursor_UnaryOperator;
}

static const struct rule_atomics_wrapper *lookup(const struct rule_atomics_unit *u,
                                                 const char *name)
{
    const struct rule_atomics_wrapper *w = rule_atomics_wrap_find(u->config, u->n_config, name);

    if (w != NULL || !rule_atomics_wrap_maybe_profile(name))
        return w;
    return rule_atomics_wrap_find(u->profiles, u->n_profiles, name);
}

/* An order no argument carries: chosen by the wrapper, so reported at the call. */
static void fixed_order(struct rule_atomics_order_arg *out, CXSourceRange at,
                        enum rule_atomics_order order)
{
    out->expr = clang_getNullCursor();
    out->implicit = 0;
    out->range = at;
    out->order = order;
    out->value = (long long)order;
}

static int arg_ok(int index, unsigned n_args)
{
    return index >= 0 && (unsigned)index < n_args;
}

/* The argument at index, or a null cursor when the wrapper has none there. */
static CXCursor arg_at(const CXCursor *args, unsigned n_args, int index)
{
    return arg_ok(index, n_args) ? args[index] : clang_getNullCursor();
}

/* The orders of op: the wrapper's fixed ones, or those the arguments carry. */
static void build_orders(struct rule_atomics_op *op, const struct rule_atomics_wrapper *w,
                         const CXCursor *args, unsigned n_args)
{
    fixed_order(&op->order, op->range, w->order);
    fixed_order(&op->failure, op->range, w->failure);
    if (arg_ok(w->order_arg, n_args))
        rule_atomics_read_order(&op->order, op, args[w->order_arg]);
    op->has_failure = w->kind == RULE_ATOMICS_CAS_STRONG || w->kind == RULE_ATOMICS_CAS_WEAK;
    if (op->has_failure && arg_ok(w->failure_arg, n_args))
        rule_atomics_read_order(&op->failure, op, args[w->failure_arg]);
}

/* The operation of wrapper w at expr, whose arguments are args[0..n_args). */
static int build(struct rule_atomics_op *out, const struct rule_atomics_wrapper *w,
                 const char *name, CXCursor expr, const CXCursor *args, unsigned n_args)
{
    struct rule_atomics_op op;
    int has_object = w->kind != RULE_ATOMICS_FENCE;

    if (has_object && !arg_ok(w->object_arg, n_args))
        return 0;
    memset(&op, 0, sizeof(op));
    op.kind = w->kind;
    op.family = w->family;
    op.name = name;
    op.wrapper = name;
    op.expr = expr;
    op.range = clang_getCursorExtent(expr); /* lexes its last token: asked once */
    op.object = clang_getNullCursor();
    op.value = arg_at(args, n_args, w->value_arg);
    op.expected = arg_at(args, n_args, w->expected_arg);
    if (has_object)
        rule_atomics_set_object(&op, args[w->object_arg],
                                w->object_mode == RULE_ATOMICS_WRAP_POINTER);
    build_orders(&op, w, args, n_args);
    *out = op;
    return 1;
}

/* Examines a called function once: a named wrapper, an inferred one, or neither. */
static struct au_fn *fn_examine(struct rule_atomics_unit *u, CXCursor callee)
{
    struct au_fn *fn = calloc(1, sizeof(*fn));
    CXCursor def;

    if (fn == NULL)
        return NULL;
    rule_cursor_name(callee, fn->name, sizeof(fn->name));
    fn->wrapper = lookup(u, fn->name);
    if (fn->wrapper != NULL)
        return fn;
    def = clang_getCursorDefinition(callee);
    if (!rule_atomics_null(def) &&
        rule_atomics_wrap_infer_memo(&fn->inferred, u->tu, &u->kids, def)) {
        memcpy(fn->inferred.name, fn->name, sizeof(fn->name));
        fn->wrapper = &fn->inferred;
    }
    return fn;
}

/* The record of callee; NULL when memory ran out. */
static const struct au_fn *fn_of(struct rule_atomics_unit *u, CXCursor callee)
{
    uint32_t index;
    int added = 0;

    if (ecg_cursormap_intern(&index, &added, &u->fns, clang_getCanonicalCursor(callee)) != 0)
        return NULL;
    if (added) {
        if (index >= u->fn_cap) {
            size_t cap = u->fn_cap == 0 ? 64 : u->fn_cap * 2;
            struct au_fn **grown = realloc(u->fn, cap * sizeof(*grown));
            if (grown == NULL)
                return NULL;
            memset(grown + u->fn_cap, 0, (cap - u->fn_cap) * sizeof(*grown));
            u->fn = grown;
            u->fn_cap = cap;
        }
        u->fn[index] = fn_examine(u, callee);
    }
    return index < u->fn_cap ? u->fn[index] : NULL;
}

static int read_call(struct rule_atomics_op *out, struct rule_atomics_unit *u, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    CXCursor args[AU_MAX_ARGS];
    int n = clang_Cursor_getNumArguments(call);
    const struct au_fn *fn;

    if (rule_atomics_match_memo(out, u->tu, &u->kids, call))
        return 1;
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl || n < 0)
        return 0;
    fn = fn_of(u, callee);
    if (fn == NULL || fn->wrapper == NULL)
        return 0;
    if (n > AU_MAX_ARGS)
        n = AU_MAX_ARGS;
    for (int i = 0; i < n; i++)
        args[i] = clang_Cursor_getArgument(call, (unsigned)i);
    return build(out, fn->wrapper, fn->name, call, args, (unsigned)n);
}

/* The hash of a place in a file, for the claims and the sites. */
static size_t claim_hash(CXFile file, unsigned offset, size_t n_slots)
{
    uint64_t h = (uint64_t)(uintptr_t)file * 0x9e3779b97f4a7c15ull ^ offset;

    h ^= h >> 29;
    return (size_t)(h * 0xbf58476d1ce4e5b9ull) & (n_slots - 1);
}

/* The claim of the expansion at (file, offset), or NULL. */
static struct au_claim *claim_find(const struct rule_atomics_unit *u, CXFile file, unsigned offset)
{
    if (u->n_claim_slots == 0)
        return NULL;
    for (size_t i = claim_hash(file, offset, u->n_claim_slots);;
         i = (i + 1) & (u->n_claim_slots - 1)) {
        uint32_t slot = u->claim_slots[i];
        if (slot == 0)
            return NULL;
        if (u->claims[slot - 1].file == file && u->claims[slot - 1].offset == offset)
            return &u->claims[slot - 1];
    }
}

static void claim_slot_put(uint32_t *slots, size_t n_slots, const struct au_claim *c, uint32_t v)
{
    size_t i = claim_hash(c->file, c->offset, n_slots);

    while (slots[i] != 0)
        i = (i + 1) & (n_slots - 1);
    slots[i] = v;
}

/* Makes room for one more claim. Returns 0 or ECG_ENOMEM. */
static int claim_reserve(struct rule_atomics_unit *u)
{
    size_t n_slots = u->n_claim_slots == 0 ? 64 : u->n_claim_slots * 2;
    uint32_t *slots;

    if (u->n_claims == u->cap_claims) {
        size_t cap = u->cap_claims == 0 ? 32 : u->cap_claims * 2;
        struct au_claim *grown = realloc(u->claims, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        u->claims = grown;
        u->cap_claims = cap;
    }
    if ((u->n_claims + 1) * 2 <= u->n_claim_slots)
        return 0;
    slots = calloc(n_slots, sizeof(*slots));
    if (slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < u->n_claims; i++)
        claim_slot_put(slots, n_slots, &u->claims[i], (uint32_t)i + 1);
    free(u->claim_slots);
    u->claim_slots = slots;
    u->n_claim_slots = n_slots;
    return 0;
}

/* A copy of name that lives as long as the unit; NULL when memory ran out. */
static const char *intern(struct rule_atomics_unit *u, const char *name)
{
    size_t len = strlen(name) + 1;
    char **grown;
    char *copy;

    for (size_t i = 0; i < u->n_names; i++) {
        if (strcmp(u->names[i], name) == 0)
            return u->names[i];
    }
    grown = realloc(u->names, (u->n_names + 1) * sizeof(*grown));
    if (grown == NULL)
        return NULL;
    u->names = grown;
    copy = malloc(len);
    if (copy == NULL)
        return NULL;
    memcpy(copy, name, len);
    u->names[u->n_names++] = copy;
    return copy;
}

/* Where a wrapper macro is written: its expansion cursor, name and the name's place. */
struct au_site {
    CXCursor mexp;
    const char *word;
    CXFile file;
    unsigned offset;
};

/* Claims the expansion at site for expr and reads the wrapper's operation. */
static int claim(struct rule_atomics_op *out, struct rule_atomics_unit *u, CXCursor expr,
                 const struct rule_atomics_wrapper *w, const struct au_site *site)
{
    struct au_claim *c;
    CXCursor args[AU_MAX_ARGS];
    unsigned n_args;
    const char *name = intern(u, site->word);

    if (name == NULL || claim_reserve(u) != 0)
        return 0;
    c = &u->claims[u->n_claims];
    c->file = site->file;
    c->offset = site->offset;
    c->owner = expr;
    n_args = rule_atomics_macro_args_memo(args, u->tu, &u->starts, site->mexp, expr);
    c->found = build(&c->op, w, name, expr, args, n_args);
    u->n_claims++;
    claim_slot_put(u->claim_slots, u->n_claim_slots, c, (uint32_t)u->n_claims);
    if (c->found)
        *out = c->op;
    return c->found;
}

static struct au_expansion *site_slot(const struct au_site_set *set, CXFile file, unsigned offset)
{
    size_t i = claim_hash(file, offset, set->n_slots);

    while (set->slots[i].file != NULL &&
           (set->slots[i].file != file || set->slots[i].offset != offset))
        i = (i + 1) & (set->n_slots - 1);
    return &set->slots[i];
}

/* Doubles the table. Returns 0 or ECG_ENOMEM. */
static int site_grow(struct au_site_set *set)
{
    size_t n = set->n_slots == 0 ? 256 : set->n_slots * 2;
    struct au_site_set bigger = { calloc(n, sizeof(struct au_expansion)), n, set->len, 0 };

    if (bigger.slots == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < set->n_slots; i++) {
        if (set->slots[i].file != NULL)
            *site_slot(&bigger, set->slots[i].file, set->slots[i].offset) = set->slots[i];
    }
    free(set->slots);
    *set = bigger;
    return 0;
}

static void site_add(struct au_site_set *set, const struct au_expansion *e)
{
    struct au_expansion *slot;

    if ((set->len + 1) * 2 > set->n_slots && site_grow(set) != 0) {
        set->failed = 1;
        return;
    }
    slot = site_slot(set, e->file, e->offset);
    if (slot->file == NULL)
        set->len++;
    *slot = *e;
}

/* Notes the preprocessing cursor c when it is an #include or a wrapper macro's expansion. */
static enum CXChildVisitResult note_site(struct rule_atomics_unit *u, CXCursor c)
{
    struct au_expansion e;
    char word[RULE_ATOMICS_WRAP_NAME];
    CXString name;

    if (clang_getCursorKind(c) == CXCursor_InclusionDirective) {
        clang_getFileLocation(clang_getCursorLocation(c), &e.file, NULL, NULL, &e.offset);
        rule_atomics_places_add(&u->places, e.file, e.offset);
    }
    if (clang_getCursorKind(c) != CXCursor_MacroExpansion)
        return CXChildVisit_Continue;
    name = clang_getCursorSpelling(c);
    e.wrapper = lookup(u, clang_getCString(name));
    if (e.wrapper != NULL)
        snprintf(word, sizeof(word), "%s", clang_getCString(name));
    clang_disposeString(name);
    if (e.wrapper == NULL)
        return CXChildVisit_Continue;
    clang_getFileLocation(clang_getCursorLocation(c), &e.file, NULL, NULL, &e.offset);
    e.mexp = c;
    e.word = intern(u, word);
    if (e.word == NULL)
        u->sites.failed = 1;
    else if (e.file != NULL)
        site_add(&u->sites, &e);
    rule_atomics_places_add(&u->places, e.file, e.offset);
    return u->sites.failed ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* One top-level cursor of the search for sites. */
static enum CXChildVisitResult site_step(struct rule_atomics_unit *u, CXCursor c)
{
    /* clang_visitChildren gives a unit's preprocessing record before its declarations: the
     * first declaration after it ends the search */
    if (!clang_isPreprocessing(clang_getCursorKind(c)))
        return u->record_seen ? CXChildVisit_Break : CXChildVisit_Continue;
    u->record_seen = 1;
    return note_site(u, c);
}

static enum CXChildVisitResult find_sites(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    return site_step(data, c);
}

/* The walk's top-level cursors, the preprocessing record first: the search for sites reads
 * them as the walk meets them instead of visiting the record again. 0 once it has passed. */
static int top_level(void *arg, CXCursor c)
{
    struct rule_atomics_unit *u = arg;

    if (u->done || u->sites_ready)
        return 0;
    u->done = site_step(u, c) == CXChildVisit_Break;
    return !u->done;
}

/* Finds the wrapper macros' expansions in the unit, once: from what the walk handed over
 * (every reading comes after the record), else by a visit of the unit. */
static void gather_sites(struct rule_atomics_unit *u)
{
    if (u->sites_ready)
        return;
    u->sites_ready = 1;
    if (!u->fed)
        clang_visitChildren(clang_getTranslationUnitCursor(u->tu), find_sites, u);
    rule_atomics_places_sort(&u->places);
}

/* Nonzero when a wrapper macro may be expanded in the text of the function definition fn:
 * a site or an #include lies in it, or that cannot be told. An expression of fn starts where
 * fn's text has it written (or the macro that gives it is expanded), so elsewhere it starts
 * no expansion. Answered once per function. */
static int fn_may_expand(struct rule_atomics_unit *u, CXCursor fn)
{
    CXSourceRange r;
    CXFile first = NULL;
    CXFile last = NULL;
    unsigned begin = 0;
    unsigned end = 0;

    if (fn.data[0] == u->gate_decl)
        return u->gate_open;
    gather_sites(u);
    r = clang_getCursorExtent(fn);
    clang_getFileLocation(clang_getRangeStart(r), &first, NULL, NULL, &begin);
    clang_getFileLocation(clang_getRangeEnd(r), &last, NULL, NULL, &end);
    u->gate_decl = fn.data[0];
    u->gate_open = u->sites.failed || first == NULL || first != last || begin > end ||
                   rule_atomics_places_any(&u->places, first, begin, end);
    return u->gate_open;
}

/* The wrapper macro expanded where expr starts, found from the sites: 1 and *out, or 0 (also
 * when the sites could not be gathered: *failed is then set). */
static int site_at(struct au_expansion *out, int *failed, struct rule_atomics_unit *u,
                   CXCursor expr)
{
    CXFile file = NULL;
    unsigned offset = 0;
    const struct au_expansion *slot;
    CXSourceLocation at;

    gather_sites(u);
    *failed = u->sites.failed;
    if (u->sites.failed || u->sites.len == 0 || u->no_sites ||
        !rule_atomics_start_in_macro(&at, expr))
        return 0;
    rule_atomics_file_offset_memo(&file, &offset, &u->starts, at);
    if (file == NULL)
        return 0;
    slot = site_slot(&u->sites, file, offset);
    if (slot->file == NULL)
        return 0;
    *out = *slot;
    return 1;
}

/* The reading of expr inside the expansion c claimed: the operation at its owner, nothing
 * elsewhere. */
static int claimed_reading(struct rule_atomics_op *out, const struct au_claim *c, CXCursor expr)
{
    if (!same_expr(c->owner, expr) || !c->found)
        return 0;
    *out = c->op;
    return 1;
}

/* The wrapper macro expanded where expr starts, read from its tokens: the way when the sites
 * could not be gathered (memory ran out). */
static int site_by_tokens(struct au_expansion *out, struct rule_atomics_unit *u, CXCursor expr)
{
    char word[RULE_ATOMICS_WRAP_NAME];
    struct au_expansion e;

    if (!rule_atomics_name_at(word, sizeof(word), &e.file, &e.offset, u->tu, expr))
        return 0;
    e.wrapper = lookup(u, word);
    e.word = e.wrapper == NULL ? NULL : intern(u, word);
    if (e.word == NULL)
        return 0;
    e.mexp = clang_getCursor(u->tu, clang_getLocationForOffset(u->tu, e.file, e.offset));
    *out = e;
    return 1;
}

/* Reads expr when it starts a wrapper macro's expansion: *handled is set when the expansion
 * decides (expr owns it, lies inside an expansion another cursor owns, or in a cast's type). */
static int read_macro(struct rule_atomics_op *out, int *handled, struct rule_atomics_unit *u,
                      CXCursor expr)
{
    struct au_expansion e;
    const struct au_claim *c;
    struct au_site site;
    int failed = 0;

    if (!site_at(&e, &failed, u, expr) && !(failed && site_by_tokens(&e, u, expr)))
        return 0;
    if (rule_atomics_is_direct_call(expr, e.word))
        return 0;
    c = claim_find(u, e.file, e.offset);
    if (c != NULL) {
        *handled = 1;
        return claimed_reading(out, c, expr);
    }
    if (clang_getCursorKind(e.mexp) != CXCursor_MacroExpansion ||
        !rule_atomics_spans(expr, e.mexp, e.offset))
        return 0;
    *handled = 1;
    if (rule_atomics_typeof_holds(u->reading, expr))
        return 0;
    site.mexp = e.mexp;
    site.word = e.word;
    site.file = e.file;
    site.offset = e.offset;
    return claim(out, u, expr, e.wrapper, &site);
}

/* The children of expr, visited once for consecutive askers. A cursor's children carry its
 * parent declaration (data[0]), so that is compared too: they are what a visit gives. */
static const struct rule_atomics_children *unit_children(struct rule_atomics_unit *u, CXCursor expr)
{
    if (!u->children_ready || !same_expr(u->children_of, expr) ||
        u->children_of.data[0] != expr.data[0]) {
        rule_atomics_children_memo(&u->children, &u->kids, expr);
        u->children_of = expr;
        u->children_ready = 1;
    }
    return &u->children;
}

/* Reads expr, which is not in the cache: as a wrapper macro's expansion, a call (of a builtin
 * or a wrapper function), or any other operation. */
static int read_fresh(struct rule_atomics_op *out, struct rule_atomics_unit *u, CXCursor expr)
{
    int handled = 0;
    int found = read_macro(out, &handled, u, expr);

    if (handled)
        return found;
    switch (clang_getCursorKind(expr)) {
    case CXCursor_CallExpr:
        return read_call(out, u, expr);
    case CXCursor_UnexposedExpr:
        return rule_atomics_match_unexposed_memo(out, u->tu, &u->kids, expr,
                                                 unit_children(u, expr));
    default:
        return rule_atomics_match_memo(out, u->tu, &u->kids, expr);
    }
}

int rule_atomics_unit_match(struct rule_atomics_op *out, struct rule_atomics_unit *u, CXCursor expr)
{
    unsigned slot = node_slot(expr);
    struct au_entry *e = &u->cache[slot];
    struct rule_atomics_op op;
    int found;

    if (!is_atomic_kind(clang_getCursorKind(expr)))
        return 0;
    if (u->filled[slot] && same_expr(e->key, expr)) {
        if (e->found)
            *out = e->op;
        return e->found;
    }
    found = read_fresh(&op, u, expr);
    e->key = expr;
    u->filled[slot] = 1;
    e->found = found;
    if (found) {
        e->op = op;
        *out = op;
    }
    return found;
}

static void *unit_create(struct rule_ctx *rc)
{
    return rule_atomics_unit_new(rule_unit(rc));
}

static void unit_release(void *data)
{
    rule_atomics_unit_free(data);
}

static const struct rule_shared_desc au_shared = { unit_create, unit_release };

void rule_atomics_join(struct rule_ctx *rc)
{
    struct rule_atomics_unit *u = rule_unit_shared(rc, &au_shared);
    const char *entry;

    if (u == NULL)
        return;
    if (!u->fed && !u->sites_ready)
        u->fed = rule_top_level_sink(rc, top_level, u) == 0;
    for (size_t i = 0;; i++) {
        entry = rule_option_list_item(rc, "atomic_wrappers", i);
        if (entry == NULL)
            return;
        (void)rule_atomics_unit_add_wrapper(u, entry);
    }
}

int rule_atomics_read(struct rule_atomics_op *out, struct rule_ctx *rc, CXCursor expr)
{
    struct rule_atomics_unit *u = rule_unit_shared(rc, &au_shared);
    CXCursor fn;
    unsigned slot;
    int found;

    if (u == NULL)
        return 0;
    /* the rules read each cursor in turn: after the first, the reading is in the cache */
    slot = node_slot(expr);
    if (u->filled[slot] && same_expr(u->cache[slot].key, expr)) {
        if (u->cache[slot].found)
            *out = u->cache[slot].op;
        return u->cache[slot].found;
    }
    fn = rule_function(rc);
    /* an expression reached from the function being walked has it as its parent (a null
     * cursor's is NULL) */
    u->no_sites = expr.data[0] == fn.data[0] && fn.data[0] != NULL &&
                  is_atomic_kind(clang_getCursorKind(expr)) && !fn_may_expand(u, fn);
    u->reading = rc;
    found = rule_atomics_unit_match(out, u, expr);
    u->no_sites = 0;
    u->reading = NULL;
    return found;
}

const struct rule_atomics_children *rule_atomics_read_children(struct rule_ctx *rc, CXCursor expr)
{
    struct rule_atomics_unit *u = rule_unit_shared(rc, &au_shared);

    return u != NULL ? unit_children(u, expr) : NULL;
}

struct rule_atomics_kids *rule_atomics_unit_kids(struct rule_ctx *rc)
{
    struct rule_atomics_unit *u = rule_unit_shared(rc, &au_shared);

    return u != NULL ? &u->kids : NULL;
}
