/* The state of security-realloc-leak's search for unreleased memory: the local pointers and
 * aggregates of the function being walked (what happened to the block each holds), and, for
 * the unit, what its functions do with their pointer parameters and what leaks wait on that.
 * Invariant: a variable's group index names a variable of the same function. */
#ifndef ECG_RULES_SUPPORT_LEAK_STATE_H
#define ECG_RULES_SUPPORT_LEAK_STATE_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/taint_xunit.h"

#define RULE_LEAK_EDGES 4   /* calls to the unit's own functions one variable may reach */
#define RULE_LEAK_NAME 64   /* names kept for messages */
#define RULE_LEAK_PARAMS 32 /* parameters summarised per function */
#define RULE_LEAK_NO_VAR ((size_t)-1)

enum rule_leak_flag {
    RULE_LEAK_ALLOCATED = 1,  /* holds what an allocator returned, or an owned block received */
    RULE_LEAK_ESCAPED = 2,    /* stored, passed where it may be kept, address taken */
    RULE_LEAK_RELEASED = 4,   /* freed (on some path) */
    RULE_LEAK_REASSIGNED = 8, /* given another value, or moved: the block may live elsewhere */
    RULE_LEAK_RETURNED = 16,  /* the function returns it */
    RULE_LEAK_XPASSED = 32,   /* handed to a function of another unit (xcall) */
};

/* A call to a function this unit defines that receives the variable as argument arg. */
struct rule_leak_edge {
    CXCursor callee; /* canonical declaration; a null cursor: a callee not known */
    CXCursor via;    /* the local function pointer called; a null cursor for a direct call */
    unsigned arg;
};

/* A call to another unit's function that receives the variable's block. */
struct rule_leak_xcall {
    CXCursor call;
    char callee[128];
    unsigned arg;
    int pointee; /* passed as '&v', or in the array or struct v */
};

/* A local pointer (or a local struct, union or array of pointers) of the function. */
struct rule_leak_var {
    CXCursor decl;
    unsigned hash;   /* clang_hashCursor(decl) */
    unsigned flags;  /* enum rule_leak_flag set */
    unsigned shared; /* at reporting: the flags of all its aliases, on the group's root */
    unsigned refs;   /* references in the function */
    size_t group;    /* a variable it was copied to or from; itself when none */
    size_t target;   /* 'T **pp = &v': the index of v; RULE_LEAK_NO_VAR otherwise */
    CXCursor alloc;  /* the first allocation (or the read that received an owned block) */
    CXCursor source; /* the variable a seeded read went through (*pp, a[k], s.f); null */
    const struct ecg_xfact *seed; /* another unit handed the block in; borrowed */
    CXCursor ret;                 /* the first 'return v' */
    char allocator[RULE_LEAK_NAME];
    char field[RULE_LEAK_NAME]; /* the member of an aggregate it was stored in */
    struct rule_leak_edge edges[RULE_LEAK_EDGES];
    unsigned n_edges;
    struct rule_leak_xcall xcall;
    unsigned n_xcalls;
};

/* What a function of the unit does with its pointer parameters. */
struct rule_leak_fn {
    CXCursor decl;     /* canonical declaration */
    uint32_t consumed; /* bit i: parameter i is released, kept, returned or passed on */
    unsigned n_params; /* at most RULE_LEAK_PARAMS are summarised */
    int returns_owned; /* every return gives NULL or a fresh allocation */
    char name[RULE_LEAK_NAME];
};

/* Parameter param of fns[fn] is passed to a function of the unit. */
struct rule_leak_pedge {
    size_t fn;
    unsigned param;
    struct rule_leak_edge to;
};

/* A block that leaks unless one of the calls it reached releases or keeps it. */
struct rule_leak_cand {
    CXCursor at;
    char var[RULE_LEAK_NAME];
    char fn[RULE_LEAK_NAME];
    char allocator[RULE_LEAK_NAME];
    const struct ecg_xfact *seed;
    struct rule_leak_edge edges[RULE_LEAK_EDGES];
    unsigned n_edges;
};

struct rule_leak_state {
    struct rule_leak_var *vars; /* owned; the function's variables */
    size_t n_vars;
    size_t cap_vars;
    int incomplete;           /* memory ran out: the function's variables are not all known */
    int other_return;         /* the function returns something other than NULL or a local */
    CXCursor alloc_return;    /* 'return malloc(n)'; null cursor when none */
    struct rule_leak_fn *fns; /* owned; the unit's summarised functions */
    size_t n_fns;
    size_t cap_fns;
    uint32_t *fn_slots; /* owned; open addressing by clang_hashCursor: index + 1, 0 empty */
    size_t n_slots;     /* a power of two, at least twice n_fns; 0 before the first */
    struct rule_leak_pedge *pedges; /* owned */
    size_t n_pedges;
    size_t cap_pedges;
    struct rule_leak_cand *cands; /* owned */
    size_t n_cands;
    size_t cap_cands;
    int unit_incomplete; /* memory ran out for the unit's summaries: they report nothing */
};

#endif
