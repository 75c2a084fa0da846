/* Internals of the use-after-free flow shared by its files: uaf_loc.c reads the function
 * (its IR, the locations its expressions name, its calls), uaf_state.c holds the lattice
 * (bits, facts, joins) and uaf_flow.c runs the transfer over the CFG. */
#ifndef ECG_RULES_SUPPORT_UAF_FLOW_INT_H
#define ECG_RULES_SUPPORT_UAF_FLOW_INT_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer/cfg.h"
#include "analyzer/fir.h"
#include "rules/support/uaf_flow.h"

#define UAF_MAX_LOCS 128    /* locations followed per function; the rest stay silent */
#define UAF_MAX_FACTS 4     /* facts kept per path and per freed location */
#define UAF_KEY_MAX 400     /* bytes of a location's key */
#define UAF_MAX_NODES 60000 /* functions with more cursors are not analysed */
#define UAF_NONE 0xffffu

/* Bits of a location's value: the kinds of paths reaching a point. 0: no path. */
#define UAF_LIVE 1u  /* a block not freed here (or anything not followed) */
#define UAF_FREED 2u /* a block freed on this path */
#define UAF_NULL 4u  /* NULL */

#define UAF_OBJ_PARAM_LAST 32u /* objects 1..32 are the blocks parameters 0..31 held at entry */

#define UAF_MAX_ALT 3 /* values besides the first that 'loc == a or b ...' can keep */

/* 'loc == value' (or one of more[]: where paths that knew different values meet), or
 * 'loc != value' when ne is set; with rel (an enum ecg_op: <, <=, >, >=) 'loc rel value',
 * which is only checked against known values, never kept. */
struct uaf_fact {
    long long value;
    long long more[UAF_MAX_ALT];
    uint16_t loc;
    uint8_t ne;
    uint8_t rel;
    uint8_t n_more;
};

struct uaf_facts {
    struct uaf_fact f[UAF_MAX_FACTS];
    uint8_t n;
};

struct uaf_slot {
    struct uaf_facts guard; /* facts true on every path where the block was freed */
    uint32_t obj;           /* the block held: 0 unknown; locations with one obj alias */
    uint32_t free_node;     /* the call that freed it; ECG_FIR_NONE */
    uint8_t bits;
};

struct uaf_state {
    struct uaf_slot *slots; /* n_locs entries; borrowed from the flow's arrays */
    struct uaf_facts path;  /* facts true on every path to here */
    uint32_t freed_params;  /* parameters whose block is freed (or NULL) on every path */
    int reachable;
};

struct uaf_loc {
    char name[RULE_UAF_NAME_MAX];
    size_t key;              /* offset of its key in keys */
    int param;               /* parameter index, or -1 */
    int pointer;             /* pointer-typed */
    int flag;                /* integer-typed: a flag or counter; neither: a struct or union */
    int field;               /* reached through another expression: a member, element or '*p' */
    int global;              /* rooted in a variable that outlives the function */
    uint32_t rep;            /* the first node naming it */
    uint32_t seed_node;      /* it enters freed: the free_node its state gets; ECG_FIR_NONE */
    const void *seed_origin; /* that state comes from another unit: the seed's record */
};

/* The per-node role: a location, or a call's entry in calls. */
#define UAF_AUX_NONE UINT32_MAX
#define UAF_AUX_CALL 0x80000000u

struct rule_uaf {
    const struct ecg_fir *fir; /* borrowed: the unit's function IR (the walk's) */
    struct ecg_cfg cfg;
    uint32_t fn;    /* the FunctionDecl node */
    size_t fn_hint; /* index in fir->functions of the function analysed last */
    uint32_t *aux;  /* owned; per node of the function: loc index, call, or NONE */
    size_t aux_cap;
    struct uaf_loc locs[UAF_MAX_LOCS];
    uint64_t below[UAF_MAX_LOCS][UAF_MAX_LOCS / 64]; /* below[l]: locations reached through l */
    int lossy; /* some struct had no room: fields may change unseen, only variables report */
    size_t n_locs;
    char *keys; /* owned; NUL-separated keys */
    size_t keys_len;
    size_t keys_cap;
    struct rule_uaf_call *calls; /* owned */
    size_t n_calls;
    size_t calls_cap;
    struct uaf_state *in;       /* owned; per block */
    struct uaf_slot *slot_pool; /* owned; (n_blocks + 2) * n_locs */
    size_t pool_cap;
    size_t in_cap;
    struct uaf_state cur, edge;
    struct rule_uaf_report *reports; /* owned */
    size_t n_reports;
    size_t reports_cap;
    uint32_t *queue; /* owned; blocks to revisit */
    unsigned char *queued;
    size_t queue_cap;
    int reporting; /* the last pass: record what is found */
    int ret_freed, ret_live;
    int failed;
    rule_uaf_resolve_fn resolve;
    void *resolve_arg;
    rule_uaf_seed_fn seed;       /* NULL: nothing enters freed */
    struct rule_uaf_exit *exits; /* owned */
    size_t n_exits;
    size_t exits_cap;
};

/* Points u at fn's nodes in fir. Returns 0, or ECG_EPARSE when fir does not hold fn or fn is
 * too large to follow. */
int uaf_loc_find(struct rule_uaf *u, const struct ecg_fir *fir, CXCursor fn);

/* Fills locs, aux and calls from the IR. Returns 0 or ECG_ENOMEM. */
int uaf_loc_scan(struct rule_uaf *u);

/* The location of node (looking through parentheses and casts), or UAF_NONE. */
uint16_t uaf_loc_of(const struct rule_uaf *u, uint32_t node);

/* The call entry of a CallExpr node, or NULL. */
const struct rule_uaf_call *uaf_call_of(const struct rule_uaf *u, uint32_t node);

/* Looks through parentheses, implicit conversions and casts. */
uint32_t uaf_strip(const struct ecg_fir *fir, uint32_t node);

/* When node (stripped) is an integer constant (0, NULL, 'c', 42), stores it and returns 1. */
int uaf_constant(long long *out, const struct ecg_fir *fir, uint32_t node);

/* Nonzero when loc m is a field or element reached through loc l. */
static inline int uaf_loc_below(const struct rule_uaf *u, uint16_t m, uint16_t l)
{
    return (u->below[l][m / 64] >> (m % 64)) & 1u;
}

/* The key of the variable decl, as its references get it, into buf. Returns 0 when decl is
 * no variable or the key does not fit. */
int uaf_loc_decl_key(char *buf, size_t size, const struct rule_uaf *u, CXCursor decl);

/* Seeds and exits (uaf_edge.c). */
/* Asks the seed function about every location; run after uaf_loc_scan. */
void uaf_edge_scan(struct rule_uaf *u);
/* Gives the seeded locations of s (the entry state) their freed state. */
void uaf_edge_entry(struct uaf_state *s, const struct rule_uaf *u);
/* The local loc was just initialised: locations reached through it that enter freed (what
 * a copy of a parameter points to) get their seeds again. */
void uaf_edge_reseed(struct rule_uaf *u, uint16_t loc);
/* Nonzero when free_node is where a seed entered, not a release in this function. */
int uaf_edge_seeded(const struct rule_uaf *u, uint32_t free_node);
/* The origin of the seed that entered at free_node, or NULL. */
const void *uaf_edge_origin(const struct rule_uaf *u, uint32_t free_node);
/* Records the exits at the call node (before it runs). */
void uaf_edge_at_call(struct rule_uaf *u, uint32_t node, const struct rule_uaf_call *call);
/* '&loc' at node: records an exit when it is an argument of another unit's function. */
void uaf_edge_at_address(struct rule_uaf *u, uint32_t node, uint16_t loc);
/* 'return loc' at node: records an exit when loc holds a freed block on every path. */
void uaf_edge_at_return(struct rule_uaf *u, uint32_t node, uint16_t loc);

/* What the branch condition cond says on an edge of kind truth: a fact (1), that the edge
 * is never taken (2), or nothing followed here (0). uaf_cond.c. */
int uaf_cond_fact(const struct rule_uaf *u, uint32_t cond, int truth, struct uaf_fact *out);

/* State helpers (uaf_state.c). */
void uaf_state_copy(struct uaf_state *dst, const struct uaf_state *src, size_t n_locs);
int uaf_state_join(struct uaf_state *dst, const struct uaf_state *src, size_t n_locs);
void uaf_state_entry(struct uaf_state *s, const struct rule_uaf *u);
int uaf_facts_conflict(const struct uaf_facts *a, const struct uaf_fact *f);
void uaf_facts_add(struct uaf_facts *a, const struct uaf_fact *f);
void uaf_facts_forget(struct uaf_facts *a, uint16_t loc);
/* Applies fact f to s (an edge's condition); returns 0 when no path can take the edge. */
int uaf_state_assume(struct uaf_state *s, const struct rule_uaf *u, const struct uaf_fact *f);
/* loc was incremented by delta: what was known of it moves along. */
void uaf_state_shift(struct uaf_state *s, size_t n_locs, uint16_t loc, long long delta);
/* loc changed: facts about it no longer hold anywhere in s. */
void uaf_state_forget(struct uaf_state *s, size_t n_locs, uint16_t loc);

#endif
