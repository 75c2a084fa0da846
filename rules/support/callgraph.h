/* The call graph of one translation unit: every function it names, the calls each definition
 * makes, and which functions are stored where (variables, parameters, struct fields), so a
 * call through a function pointer resolves to the functions the unit stores in that slot.
 * Built on demand by a rule's on_unit_end; invariant: a definition's calls are contiguous. */
#ifndef ECG_RULES_SUPPORT_CALLGRAPH_H
#define ECG_RULES_SUPPORT_CALLGRAPH_H

#include <clang-c/Index.h>
#include <stddef.h>

#define RULE_CALLGRAPH_NONE ((size_t)-1)

/* A function the unit declares or names. */
struct rule_callgraph_fn {
    char *usr;         /* owned; the key (clang's USR, same for every redeclaration) */
    CXCursor decl;     /* the declaration first seen */
    CXCursor def;      /* the definition in this unit, or a null cursor */
    size_t first_call; /* this definition's calls are calls[first_call .. + n_calls) */
    size_t n_calls;
};

/* One call made inside a definition. */
struct rule_callgraph_call {
    size_t caller; /* index into fns */
    CXCursor call; /* the CallExpr */
    size_t callee; /* index into fns for a call by name, else RULE_CALLGRAPH_NONE */
    char *slot;    /* owned; USR of the variable, parameter or field called through, or NULL */
};

/* A function stored into a slot: 'p = f', 'int (*p)(int) = f', '.cb = f', or f passed as
 * an argument to a parameter of a function defined in the unit. */
struct rule_callgraph_bind {
    char *slot; /* owned; USR of the variable, parameter or field */
    size_t fn;  /* index into fns */
};

struct rule_callgraph {
    struct rule_callgraph_fn *fns; /* owned */
    size_t n_fns;
    size_t fns_cap;
    struct rule_callgraph_call *calls; /* owned */
    size_t n_calls;
    size_t calls_cap;
    struct rule_callgraph_bind *binds; /* owned; sorted by slot once built */
    size_t n_binds;
    size_t binds_cap;
    size_t *index; /* owned; open-addressing table of fns indices by usr */
    size_t index_cap;
};

/* Builds the call graph of tu (one traversal of the whole unit) into *out, which the caller
 * releases with rule_callgraph_fini. Returns 0, or ECG_ENOMEM with *out untouched. Not
 * thread-safe on one tu. */
int rule_callgraph_init(struct rule_callgraph *out, CXTranslationUnit tu);

/* Releases what g owns; a zeroed g is a no-op. */
void rule_callgraph_fini(struct rule_callgraph *g);

/* The index of the function whose USR is usr, or RULE_CALLGRAPH_NONE. */
size_t rule_callgraph_find(const struct rule_callgraph *g, const char *usr);

/* The binds of slot, as a range of g->binds: stores its first index in *out_first and
 * returns how many there are (0 when the unit stores no function there). */
size_t rule_callgraph_slot_binds(size_t *out_first, const struct rule_callgraph *g,
                                 const char *slot);

#endif
