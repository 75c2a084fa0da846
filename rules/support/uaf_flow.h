/* Use-after-free and double-free analysis of one function: a dataflow over its CFG
 * (analyzer/cfg.h) that follows, per pointer location (variable, field path, constant
 * index), whether it may hold a freed block, with copies as aliases and the facts of
 * branch conditions (flags, NULL tests) that make a freed path infeasible. Blocks may enter
 * freed (seeds) and leave freed (exits): those are reported only where every path from the
 * entry carries the freed state. */
#ifndef ECG_RULES_SUPPORT_UAF_FLOW_H
#define ECG_RULES_SUPPORT_UAF_FLOW_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

#define RULE_UAF_NAME_MAX 64

/* What a call does with its arguments (bit i: argument i; arguments past 31 are ignored). */
struct rule_uaf_call {
    uint32_t releases; /* arguments the call frees (free, a unit function that frees them) */
    uint32_t keeps;    /* arguments it reads only as a value (printf's %p) */
    int returns_freed; /* its result is a block it freed (a unit function's summary) */
    int reallocates;   /* realloc-like: argument 0 is freed when the result is not NULL */
    uint32_t writes;   /* arguments a library call may write through (memmove's destination) */
    int wrapper;       /* releases through a function of the unit, not a deallocator itself */
    int opaque;        /* not a library function: it may change globals and pointed-to fields */
    int external;      /* a function of another unit: freed blocks it receives are handed on */
    int internal;      /* a function this unit defines: freed globals it may read are handed on */
    const void *ret_origin; /* another unit said its result is a freed block: that fact */
};

/* Tells what the call (a CallExpr cursor) does; out is zeroed before the call. */
typedef void (*rule_uaf_resolve_fn)(void *arg, CXCursor call, struct rule_uaf_call *out);

/* A freed block that enters the function from outside it. */
struct rule_uaf_seed {
    uint32_t free_node; /* a caller in this unit left it freed in a global: the node (of the
                           unit's IR) that freed it; ECG_FIR_NONE otherwise */
    const void *origin; /* another unit said so: the rule's record of it, handed back in
                           reports and exits; NULL otherwise */
};

/* Tells whether the place read (the first expression naming a location: a parameter, '*p',
 * 'p[k]', 's.f', a global) holds a freed block where the function starts; out is zeroed
 * before the call. */
typedef int (*rule_uaf_seed_fn)(void *arg, CXCursor read, struct rule_uaf_seed *out);

enum rule_uaf_kind {
    RULE_UAF_DOUBLE_FREE, /* at: the second release */
    RULE_UAF_USE,         /* at: a dereference of the freed pointer */
    RULE_UAF_PASS,        /* at: the call the freed pointer is passed to */
    RULE_UAF_RETURN,      /* at: the return statement that returns it */
};

struct rule_uaf_report {
    enum rule_uaf_kind kind;
    CXCursor at;
    CXCursor freed_at;            /* the call that freed it */
    unsigned arg;                 /* RULE_UAF_PASS: the argument's index */
    char name[RULE_UAF_NAME_MAX]; /* the pointer as written: "data", "s->buf" */
    const void *origin;           /* the block came in freed from another unit: the seed's */
};

enum rule_uaf_exit_kind {
    RULE_UAF_EXIT_ARG,    /* at: a call to another unit's function that receives it */
    RULE_UAF_EXIT_GLOBAL, /* at: a call (of this unit or another) made while a global the
                             function stored holds it */
    RULE_UAF_EXIT_RETURN, /* at: the return statement */
};

/* A freed block (on every path to at) leaving the function. */
struct rule_uaf_exit {
    enum rule_uaf_exit_kind kind;
    CXCursor at;
    CXCursor global;    /* RULE_UAF_EXIT_GLOBAL: the variable's declaration */
    CXCursor freed_at;  /* the call that freed it, or where a seed from outside entered */
    uint32_t free_node; /* freed_at's node */
    const void *origin; /* it came in freed from another unit: the seed's; NULL */
    unsigned arg;       /* RULE_UAF_EXIT_ARG: the argument, from 0 */
    int pointee;        /* the block is what the argument points to, not its value */
    char field[RULE_UAF_NAME_MAX]; /* the member (of the argument or what it points to) that
                                      holds it; "": the whole, or an element */
    char name[RULE_UAF_NAME_MAX];  /* the pointer as written */
};

/* What one run found. The reports are borrowed from the flow until its next run. */
struct rule_uaf_result {
    uint32_t frees_params; /* parameters freed (or NULL) on every path that returns */
    int returns_freed;     /* every return returns a freed block or NULL, some a freed one */
    const struct rule_uaf_report *reports;
    size_t n_reports;
    const struct rule_uaf_exit *exits;
    size_t n_exits;
};

struct ecg_fir;
struct rule_uaf;

/* A flow ready to run; NULL when memory runs out. Free with rule_uaf_free. */
struct rule_uaf *rule_uaf_new(void);

/* Releases u; NULL is a no-op. */
void rule_uaf_free(struct rule_uaf *u);

/* Sets the function that tells u's runs which blocks enter freed (with the resolver's arg);
 * NULL: none do. */
void rule_uaf_set_seeds(struct rule_uaf *u, rule_uaf_seed_fn seed);

/* Analyses the function definition fn, whose nodes fir holds (the unit's IR, borrowed until
 * the next call): builds its CFG, runs the flow to a fixed point and collects the reports.
 * Returns 0, ECG_ENOMEM, or ECG_EPARSE when fir does not hold fn, or fn is too large or did
 * not converge (*out untouched). */
int rule_uaf_run(struct rule_uaf_result *out, struct rule_uaf *u, const struct ecg_fir *fir,
                 CXCursor fn, rule_uaf_resolve_fn resolve, void *arg);

#endif
