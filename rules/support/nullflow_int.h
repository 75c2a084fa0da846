/* Internals of the null-state flow shared by its two files: nullflow.c keeps states,
 * variables and frames along the walk; nullflow_facts.c reads what conditions tell and
 * which uses their own expression guards. */
#ifndef ECG_RULES_SUPPORT_NULLFLOW_INT_H
#define ECG_RULES_SUPPORT_NULLFLOW_INT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "rules/support/nullflow.h"

#define RULE_NULLFLOW_MAX_CLIMB 2048 /* ancestors searched for the innermost frame's statement */
#define RULE_NULLFLOW_MAX_CHILDREN 4 /* an if has 3, a for 4 */
#define RULE_NULLFLOW_MAX_FACTS 16
#define RULE_NULLFLOW_MAX_DEPTH 32 /* condition operators looked through */

struct rule_nullflow_slot {
    unsigned origin;
    unsigned char bits;
};

struct rule_nullflow_state {
    struct rule_nullflow_slot *v; /* owned; n entries */
    size_t n;
    int reachable;
};

struct rule_nullflow_var {
    CXCursor decl;
    unsigned hash;
};

enum rule_nullflow_frame_kind {
    RULE_NULLFLOW_IF,     /* cond, then, else */
    RULE_NULLFLOW_WHILE,  /* cond, body */
    RULE_NULLFLOW_FOR,    /* init, cond, inc (each optional), body */
    RULE_NULLFLOW_SWITCH, /* cond, body */
};

struct rule_nullflow_frame {
    enum rule_nullflow_frame_kind kind;
    CXCursor node;
    CXCursor child[RULE_NULLFLOW_MAX_CHILDREN];
    unsigned n_child;
    unsigned slot;                       /* the child whose code runs now */
    struct rule_nullflow_state saved[2]; /* if: end of cond, end of then; loops: entry; switch:
                                          * entry, and the paths that left by a break */
    int has_default;                     /* switch */
};

/* A goto whose label is still ahead: the state it carries there. */
struct rule_nullflow_jump {
    CXCursor label;
    struct rule_nullflow_state state;
};

/* A local array or struct variable followed as one value: what the last store into it put
 * in the member named here ("f", or "[k]" for element k; "?" for an element not known). */
struct rule_nullflow_agg {
    CXCursor decl;
    unsigned hash;
    char member[64];
};

struct rule_nullflow {
    CXTranslationUnit tu;
    struct rule_nullflow_var *vars; /* owned; variables ever given a value in this function */
    size_t n_vars;
    size_t cap_vars;
    struct rule_nullflow_state cur;
    struct rule_nullflow_frame *frames; /* owned; innermost last */
    size_t n_frames;
    size_t cap_frames;
    struct rule_nullflow_jump *jumps; /* owned; forward gotos waiting for their label */
    size_t n_jumps;
    size_t cap_jumps;
    struct rule_nullflow_agg *aggs; /* owned; aggregates stored into in this function */
    size_t n_aggs;
    size_t cap_aggs;
    int lost;
};

struct rule_nullflow_fact {
    CXCursor decl;
    unsigned char bits; /* NONNULL, NULL or TESTED */
};

struct rule_nullflow_facts {
    struct rule_nullflow_fact items[RULE_NULLFLOW_MAX_FACTS];
    size_t n;
};

/* The number of decl among the flow's variables; n_vars when it has none. */
size_t rule_nullflow_var_find(const struct rule_nullflow *nf, CXCursor decl);

/* Applies what a test tells about decl (bits: NONNULL, NULL or TESTED) to s, for decl and
 * every variable holding the same origin. */
void rule_nullflow_state_learn(const struct rule_nullflow *nf, struct rule_nullflow_state *s,
                               CXCursor decl, unsigned char bits);

/* The direct children of cursor into out (at most cap); returns how many it has, or cap + 1
 * when it has more. */
unsigned rule_nullflow_children(CXCursor cursor, CXCursor *out, unsigned cap);

/* What cond having the value truth tells about variables, into out. */
void rule_nullflow_facts_of(const struct rule_nullflow *nf, CXCursor cond, int truth,
                            struct rule_nullflow_facts *out);

/* What cond having the value truth tells, applied to s. */
void rule_nullflow_state_assume(const struct rule_nullflow *nf, struct rule_nullflow_state *s,
                                CXCursor cond, int truth);

#endif
