/* Path-sensitive null state of a function's local pointers, kept along the one walk: if,
 * while, for and switch are frames whose branches start from their condition's facts and
 * join where they meet; return, goto and noreturn calls end a path, and so does a break
 * written just before a case label. Loops run zero or one time and other breaks and
 * continues fall through, so what this misses errs toward silence. */
#ifndef ECG_RULES_SUPPORT_NULLFLOW_H
#define ECG_RULES_SUPPORT_NULLFLOW_H

#include <clang-c/Index.h>

struct rule_ctx;
struct rule_nullflow;
struct rule_nullsum;

/* What the paths reaching a point know about a variable: a set of these bits, one per kind
 * of path. 0: the variable holds nothing this module follows. */
enum rule_nullflow_bit {
    RULE_NULLFLOW_FRESH = 1,   /* an allocation result that no test has seen */
    RULE_NULLFLOW_TESTED = 2,  /* tested against NULL; which way is not known */
    RULE_NULLFLOW_NONNULL = 4, /* known not to be NULL */
    RULE_NULLFLOW_NULL = 8,    /* known to be NULL */
    RULE_NULLFLOW_DEREF = 16,  /* known not NULL because every path dereferenced it */
};

struct rule_nullflow_value {
    unsigned origin; /* the caller's number for the allocation held; 0: none or mixed */
    unsigned bits;   /* enum rule_nullflow_bit set */
};

/* Nonzero when a and b are the same node of the tree, however each was reached:
 * clang_equalCursors also compares the declaration a statement cursor was reached through,
 * so the same child differs when visited from its parent and when met by the walk. */
int rule_nullflow_same(CXCursor a, CXCursor b);

/* Nonzero when the expression at cursor comes from a macro's body rather than from the text
 * where the macro expands: the first token written where it expands is an identifier other
 * than name, the identifier it starts with when written in place (NULL: the cursor's own
 * spelling, as for a call or a variable). libclang reports the expansion location as the
 * spelling location of a macro body's tokens, so the locations alone cannot tell. */
int rule_nullflow_in_macro(CXTranslationUnit tu, CXCursor cursor, const char *name);

/* Looks through parentheses, implicit conversions and casts: the expression as written. */
CXCursor rule_nullflow_strip(CXCursor expr);

/* Nonzero when expr, as written, is a null pointer constant: 0, (void *)0, NULL. */
int rule_nullflow_is_null_constant(CXCursor expr);

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

/* Starts following decl, first met here, with the value v it has held since its declaration:
 * v is set at the current point and in every state kept for a later join (branches, gotos),
 * so the paths that did not touch decl join with v rather than with "not followed". Does
 * nothing when decl is followed already. */
void rule_nullflow_declare(struct rule_nullflow *nf, CXCursor decl, struct rule_nullflow_value v);

/* The number of if, loop and switch frames open at the current point: 0 at the top level of
 * the function body. */
size_t rule_nullflow_depth(const struct rule_nullflow *nf);

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

/* Nonzero when a loop (for, while, do) around the point the walk is at assigns decl, takes
 * its address or moves it: later iterations may see another value than the first. Visits the
 * loops' subtrees. */
int rule_nullflow_loop_writes(struct rule_ctx *rc, CXCursor decl);

/* Nonzero when the expression at ref, the cursor being entered, runs only on some
 * evaluations of the statement around it: in the right operand of && or ||, or in an arm of
 * ?:. */
int rule_nullflow_sometimes_runs(struct rule_ctx *rc, CXCursor ref);

/* Nonzero when the call being left runs only on some evaluations of its expression: in an
 * arm of ?: or an operand of && or || (assertion macros). Ending the path there would end it
 * for the whole statement. */
int rule_nullflow_in_conditional(struct rule_ctx *rc);

/* Nonzero when a condition around call, the call being left (of an if, a while, ?: or the left
 * side of && or ||), calls callee too: 'if (getenv("X")) n = atoi(getenv("X"));' tested the
 * result before this call repeats it. */
int rule_nullflow_tested_by_same_call(struct rule_ctx *rc, CXCursor call, const char *callee);

/* Nonzero when type is a pointer to data (not to a function). */
int rule_nullflow_is_data_pointer(CXType type);

/* Nonzero when decl is a parameter, or a local variable that is not static, of data pointer
 * type: what the flows follow. */
int rule_nullflow_is_local_pointer(CXCursor decl);

/* Nonzero when ref, the reference being entered, is the operand of ++, -- or a compound
 * assignment: the pointer moves. */
int rule_nullflow_moves(struct rule_ctx *rc, CXCursor ref);

/* Nonzero when access, the p->f, p[i] or *p just entered, only has its address taken (&p->f):
 * nothing is read or written through p there. */
int rule_nullflow_address_only(struct rule_ctx *rc, CXCursor access);

/* When expr is a call of a function documented to return NULL (or named in the rule's
 * may_return_null option), stores in *out the end of the sentence "it returns NULL when ..."
 * (static) and returns 1; otherwise returns 0. */
int rule_nullflow_maybe_call(const char **out, struct rule_ctx *rc, CXCursor expr);

/* Nonzero when call never returns: by name, type or attribute (asked once per function and
 * kept in sums), or by the summary of a function of the unit; -1 when memory ran out. */
int rule_nullflow_call_noreturn(struct rule_ctx *rc, struct rule_nullsum *sums, CXCursor call);

/* Nonzero when the NULL test of decl at test, or its dereference at deref, comes from a
 * macro's body: a macro that tests its argument ('#define RELEASE(p) if (p) free(p)') tests
 * it everywhere. */
int rule_nullflow_test_in_macro(struct rule_ctx *rc, CXCursor test, CXCursor decl, CXCursor deref);

/* When the C library function name returns NULL in an ordinary case (getenv, localtime,
 * getpwnam ...), the end of the sentence "it returns NULL when ..." (static); else NULL. */
const char *rule_nullflow_null_when(const char *name);

#endif
