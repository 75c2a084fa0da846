/* What one reference to a local pointer variable does with the memory it points to, judged
 * from the expressions around the reference in the walk's ancestor stack: read or tested,
 * released, or let escape (stored, returned, passed where it may be kept, its address
 * taken). Anything not understood counts as an escape, so callers err toward silence. */
#ifndef ECG_RULES_SUPPORT_PTRUSE_H
#define ECG_RULES_SUPPORT_PTRUSE_H

#include <clang-c/Index.h>
#include <stddef.h>

struct rule_ctx;

enum rule_ptruse {
    RULE_PTRUSE_NONE,    /* read, dereferenced, compared, measured: nothing leaves */
    RULE_PTRUSE_ESCAPE,  /* the block may now be reachable from elsewhere */
    RULE_PTRUSE_RELEASE, /* passed to a deallocator, or to realloc whose result goes elsewhere */
    RULE_PTRUSE_DEFINE,  /* the variable itself is assigned ('p = ...') */
    RULE_PTRUSE_MODIFY,  /* ++, --, 'p += n': it no longer points where the block starts */
};

/* The rule options that name the functions the classification knows. */
struct rule_ptruse_options {
    const char *deallocators;      /* string-list option: functions that release the block */
    const char *realloc_functions; /* string-list option: functions that move the block */
};

/* Classifies the reference whose nearest ancestors, from rule_ancestor(rc, first_up) up, the
 * walk is inside; below is the cursor directly under that ancestor (the reference itself, or
 * an assignment holding the variable's new value). var is the referenced variable's
 * declaration. */
enum rule_ptruse rule_ptruse_classify(struct rule_ctx *rc, const struct rule_ptruse_options *opts,
                                      size_t first_up, CXCursor below, CXCursor var);

/* Nonzero when parameter i of the function fn is a pointer to const: the callee only reads
 * through it. */
int rule_ptruse_param_is_const_pointer(CXCursor fn, unsigned i);

#endif
