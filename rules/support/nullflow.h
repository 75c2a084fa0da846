/* Path-sensitive null state of a function's local pointers, kept along the one walk: if,
 * while, for and switch are frames whose branches start from their condition's facts and
 * join where they meet; return, goto and noreturn calls end a path. Loops run zero or one
 * time and break/continue fall through, so what this misses errs toward silence. */
#ifndef ECG_RULES_SUPPORT_NULLFLOW_H
#define ECG_RULES_SUPPORT_NULLFLOW_H

#include <clang-c/Index.h>

struct rule_ctx;
struct rule_nullflow;

/* What the paths reaching a point know about a variable: a set of these bits, one per kind
 * of path. 0: the variable holds nothing this module follows. */
enum rule_nullflow_bit {
    RULE_NULLFLOW_FRESH = 1,   /* an allocation result that no test has seen */
    RULE_NULLFLOW_TESTED = 2,  /* tested against NULL; which way is not known */
    RULE_NULLFLOW_NONNULL = 4, /* known not to be NULL */
    RULE_NULLFLOW_NULL = 8,    /* known to be NULL */
};

struct rule_nullflow_value {
    unsigned origin; /* the caller's number for the allocation held; 0: none or mixed */
    unsigned bits;   /* enum rule_nullflow_bit set */
};

/* Nonzero when a and b are the same node of the tree, however each was reached:
 * clang_equalCursors also compares the declaration a statement cursor was reached through,
 * so the same child differs when visited from its parent and when met by the walk. */
int rule_nullflow_same(CXCursor a, CXCursor b);

/* Looks through parentheses, implicit conversions and casts: the expression as written. */
CXCursor rule_nullflow_strip(CXCursor expr);

/* When the value of expr is a local variable or parameter (p, or an assignment p = ...),
 * stores its declaration in *out and returns 1; otherwise returns 0. */
int rule_nullflow_value_decl(const struct rule_nullflow *nf, CXCursor expr, CXCursor *out);

/* A flow with no function; NULL when memory runs out. Free with rule_nullflow_free. */
struct rule_nullflow *rule_nullflow_new(void);

/* Releases nf; NULL is a no-op. */
void rule_nullflow_free(struct rule_nullflow *nf);

/* Starts a function of tu: no variables, no frames, reachable. */
void rule_nullflow_begin(struct rule_nullflow *nf, CXTranslationUnit tu);

/* Nonzero once the flow could not follow the function (memory ran out, a statement shape it
 * does not model): from then on nothing it says can be trusted until the next begin. */
int rule_nullflow_lost(const struct rule_nullflow *nf);

/* Gives up on the current function (see rule_nullflow_lost). */
void rule_nullflow_lose(struct rule_nullflow *nf);

/* Moves the flow to cursor, the cursor being entered or left (its ancestors come from rc):
 * branches of enclosing frames that cursor is past are closed. Call it first in every event
 * that reads or changes the state. */
void rule_nullflow_at(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor cursor);

/* Entering an IfStmt, WhileStmt, ForStmt or SwitchStmt: opens its frame. */
void rule_nullflow_push(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor stmt);

/* Leaving the statement of the innermost frame: joins its branches. */
void rule_nullflow_pop(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor stmt);

/* Entering a CaseStmt or DefaultStmt: the paths from the switch join here. */
void rule_nullflow_case(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor label);

/* The current path ends here (return, a call that does not return). */
void rule_nullflow_stop(struct rule_nullflow *nf);

/* A goto to label (the LabelStmt it names): the current path ends here and resumes there,
 * when the label comes later in the function. */
void rule_nullflow_goto(struct rule_nullflow *nf, CXCursor label);

/* Entering a LabelStmt: the paths of the gotos that jumped forward to it join here. */
void rule_nullflow_label(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor label);

/* Nonzero when some path reaches the current point. */
int rule_nullflow_reachable(const struct rule_nullflow *nf);

/* The value of the local variable decl at the current point ({0, 0} when not followed). */
struct rule_nullflow_value rule_nullflow_get(const struct rule_nullflow *nf, CXCursor decl);

/* Assigns v to decl at the current point (ignored on an unreachable path). */
void rule_nullflow_set(struct rule_nullflow *nf, CXCursor decl, struct rule_nullflow_value v);

/* Nonzero when decl was ever given a value in this function: only then can its value differ
 * from {0, 0} on some path. Cheap; call it before rule_nullflow_at for a variable's events. */
int rule_nullflow_knows(const struct rule_nullflow *nf, CXCursor decl);

/* decl was tested against NULL here, with the outcome not known: FRESH becomes TESTED for
 * decl and for every variable holding the same origin. */
void rule_nullflow_tested(struct rule_nullflow *nf, CXCursor decl);

/* decl is known not to be NULL from here on (it was dereferenced, or a function that does
 * not return on NULL accepted it), and so is every variable holding the same origin. */
void rule_nullflow_nonnull(struct rule_nullflow *nf, CXCursor decl);

/* Nonzero when the use of decl at cursor is safe by its own expression: it sits in the
 * right operand of && (|| ) whose left operand tests decl non-null (null), in an arm of ?:
 * whose condition does, or in an operand of sizeof, which is not evaluated. */
int rule_nullflow_guarded(struct rule_nullflow *nf, struct rule_ctx *rc, CXCursor cursor,
                          CXCursor decl);

#endif
