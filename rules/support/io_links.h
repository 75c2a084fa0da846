/* Integer facts across the functions of one unit, for the overflow rule: a largest or
 * smallest value passed as an argument, stored in a global or returned, and which variables
 * and function results hold lengths of objects in memory (facts); operators that would
 * overflow if a parameter or global held a limit (waits), matched after the walk. Declarations
 * are told apart by their location. */
#ifndef ECG_RULES_SUPPORT_IO_LINKS_H
#define ECG_RULES_SUPPORT_IO_LINKS_H

#include <clang-c/Index.h>
#include <stddef.h>

/* A fact's limit bit beside RULE_INTRANGE_*: the variable or function result holds the length
 * of an object in memory (strlen, sizeof) or a value masked by a constant. A few such
 * lengths added together cannot overflow a size_t. */
#define RULE_IO_LENGTH 4u

/* A limit that reaches a parameter, a global, or a function's result. */
struct rule_io_fact {
    CXCursor decl;  /* the parameter, global or function */
    unsigned limit; /* RULE_INTRANGE_UPPER or _LOWER */
    CXCursor where; /* the call, store or return that carries it */
};

/* An operator that overflows if decl holds one of limits. */
struct rule_io_wait {
    CXCursor decl;
    unsigned limits;
    CXCursor at;      /* the operator */
    CXCursor operand; /* the operand naming decl */
    int op;           /* enum ecg_op */
};

struct rule_io_links {
    struct rule_io_fact *facts; /* owned */
    size_t n_facts;
    size_t cap_facts;
    struct rule_io_wait *waits; /* owned */
    size_t n_waits;
    size_t cap_waits;
};

/* Releases the arrays; the links are empty afterwards. */
void rule_io_links_fini(struct rule_io_links *l);

/* Records that limit reaches decl at where. Returns 0, or -1 when memory ran out (the fact
 * is then dropped: a missed finding, never a false one). */
int rule_io_links_fact(struct rule_io_links *l, CXCursor decl, unsigned limit, CXCursor where);

/* Records an operator waiting on decl. Returns 0 or -1 as above. */
int rule_io_links_wait(struct rule_io_links *l, const struct rule_io_wait *w);

/* The first fact about decl with a limit among limits, or NULL. Borrowed until the next
 * change to l. */
const struct rule_io_fact *rule_io_links_find(const struct rule_io_links *l, CXCursor decl,
                                              unsigned limits);

/* Drops the facts about decl with a limit among limits. */
void rule_io_links_forget(struct rule_io_links *l, CXCursor decl, unsigned limits);

/* Nonzero when expr is a length (see RULE_IO_LENGTH): strlen, strnlen or wcslen of
 * something, sizeof, `x & constant`, a variable or a call of a function with a length
 * fact, or a sum of at most a few such lengths and constants, through casts. */
int rule_io_links_is_length(const struct rule_io_links *l, CXCursor expr);

/* Records whether the value stored into decl is a length. Returns 0 or -1 as above. */
int rule_io_links_store_length(struct rule_io_links *l, CXCursor decl, CXCursor value);

/* Nonzero when an addition's operands (ops[1] null for ++) are lengths or constants, at
 * least one a length: the sum of lengths of objects in memory does not overflow. */
int rule_io_links_length_sum(const struct rule_io_links *l, const CXCursor ops[2]);

/* Nonzero when decl is a parameter of a static function or a static variable at file
 * scope: every value it can get is given in this unit. */
int rule_io_links_is_shared(CXCursor decl);

#endif
