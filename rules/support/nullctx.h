/* How one reference to a pointer variable uses it, judged from the expressions around the
 * reference in the walk's ancestor stack (casts and parentheses looked through): it is
 * dereferenced, tested, passed to a function, has its address taken, initialises another
 * variable or is returned. For the rules that follow null states (rules/support/nullflow.h). */
#ifndef ECG_RULES_SUPPORT_NULLCTX_H
#define ECG_RULES_SUPPORT_NULLCTX_H

#include <clang-c/Index.h>

struct rule_ctx;

enum rule_nullctx_kind {
    RULE_NULLCTX_NONE,
    RULE_NULLCTX_USE,    /* dereferenced */
    RULE_NULLCTX_TEST,   /* compared or used as a condition */
    RULE_NULLCTX_ESCAPE, /* its address is taken: anything may be stored in it */
    RULE_NULLCTX_ARG,    /* passed to a function */
    RULE_NULLCTX_INIT,   /* initialises another local variable */
    RULE_NULLCTX_RETURN, /* returned */
};

struct rule_nullctx {
    enum rule_nullctx_kind kind;
    CXCursor parent;  /* the expression or statement the variable is an operand of */
    unsigned index;   /* RULE_NULLCTX_ARG: the argument's index */
    const char *what; /* RULE_NULLCTX_USE: "dereferenced" or "indexed", for messages */
};

/* Nonzero for the expressions looked through: implicit conversions, parentheses, casts. */
int rule_nullctx_is_wrapper(enum CXCursorKind kind);

/* The use of the variable referenced at ref, the cursor being entered (ancestors from rc). */
void rule_nullctx_of(struct rule_ctx *rc, CXCursor ref, struct rule_nullctx *out);

#endif
