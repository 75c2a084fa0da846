/* Use-after-free and double-free analysis of one function: a dataflow over its CFG
 * (analyzer/cfg.h) that follows, per pointer location (variable, field path, constant
 * index), whether it may hold a freed block, with copies as aliases and the facts of
 * branch conditions (flags, NULL tests) that make a freed path infeasible. */
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
};

/* Tells what the call (a CallExpr cursor) does; out is zeroed before the call. */
typedef void (*rule_uaf_resolve_fn)(void *arg, CXCursor call, struct rule_uaf_call *out);

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
};

/* What one run found. The reports are borrowed from the flow until its next run. */
struct rule_uaf_result {
    uint32_t frees_params; /* parameters freed (or NULL) on every path that returns */
    int returns_freed;     /* every return returns a freed block or NULL, some a freed one */
    const struct rule_uaf_report *reports;
    size_t n_reports;
};

struct ecg_fir;
struct rule_uaf;

/* A flow ready to run; NULL when memory runs out. Free with rule_uaf_free. */
struct rule_uaf *rule_uaf_new(void);

/* Releases u; NULL is a no-op. */
void rule_uaf_free(struct rule_uaf *u);

/* Analyses the function definition fn, whose nodes fir holds (the unit's IR, borrowed until
 * the next call): builds its CFG, runs the flow to a fixed point and collects the reports.
 * Returns 0, ECG_ENOMEM, or ECG_EPARSE when fir does not hold fn, or fn is too large or did
 * not converge (*out untouched). */
int rule_uaf_run(struct rule_uaf_result *out, struct rule_uaf *u, const struct ecg_fir *fir,
                 CXCursor fn, rule_uaf_resolve_fn resolve, void *arg);

#endif
