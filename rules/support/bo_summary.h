/* What the unit's functions do with the buffers they are given, for the buffer overflow
 * rule: a helper that writes a known number of bytes into what a parameter or a global
 * points to (checked where it is called, against the buffer passed there), and a function
 * that returns a buffer of known size or a string of known length. Functions are summarised
 * as the walk leaves them, so a call is understood when its callee is defined above it. */
#ifndef ECG_RULES_SUPPORT_BO_SUMMARY_H
#define ECG_RULES_SUPPORT_BO_SUMMARY_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "rules/support/bo_facts.h"

struct rule_bo_use;

/* A write, in function fn, of need bytes into what entry (a parameter of fn or a global)
 * pointed to when fn was called; or, when slope is not 0, of need + slope * L / 1000 bytes
 * into a destination of room bytes, L the length of the string entry held on entry. */
struct rule_bo_need {
    CXCursor fn;    /* canonical */
    CXCursor entry; /* canonical */
    long long need;
    long long slope; /* bytes per 1000 characters of entry's string; 0: a size need */
    long long room;  /* slope != 0: the destination's size */
    CXCursor at;     /* the write */
};

/* What a function returns: a buffer of bytes (-1 unknown), a string of slen (-1 unknown), or
 * its parameter param unchanged (-1 none). */
struct rule_bo_ret {
    CXCursor fn; /* canonical */
    long long bytes;
    long long slen;
    int param;
};

struct rule_bo_summaries {
    struct rule_bo_need *needs; /* owned */
    size_t n_needs;
    size_t needs_cap;
    struct rule_bo_ret *rets; /* owned */
    size_t n_rets;
    size_t rets_cap;
    struct rule_bo_ret cur; /* the returns of the function being walked */
    unsigned n_returns;
};

/* Releases the arrays. */
void rule_bo_summary_fini(struct rule_bo_summaries *s);

/* The parameter or global whose value on entry expr holds, or a null cursor. */
CXCursor rule_bo_summary_entry(const struct rule_bo_facts *f, const struct rule_bo_path *at,
                               CXCursor expr);

/* As rule_bo_summary_entry, for the variable var (a canonical declaration). */
CXCursor rule_bo_summary_entry_var(const struct rule_bo_facts *f, const struct rule_bo_path *at,
                                   CXCursor var);

/* Records that the function being walked writes need bytes where entry points (see above).
 * When memory runs out the write is not remembered. */
void rule_bo_summary_need(struct rule_bo_summaries *s, const struct rule_bo_need *need);

/* Starts a function: forgets the returns seen. */
void rule_bo_summary_begin(struct rule_bo_summaries *s);

/* Records a return statement's value (a null cursor for 'return;'). */
void rule_bo_summary_on_return(struct rule_bo_summaries *s, const struct rule_bo_facts *f,
                               const struct rule_bo_path *at, CXCursor value);

/* Ends the function fn: keeps what all its returns agree on. */
void rule_bo_summary_leave(struct rule_bo_summaries *s, CXCursor fn);

/* What the function call reaches returns, or NULL when not known. */
const struct rule_bo_ret *rule_bo_summary_ret(const struct rule_bo_summaries *s, CXCursor call);

/* Checks the writes the function call reaches makes into the buffers passed to it (or
 * held by globals) against their sizes at the call. */
void rule_bo_summary_check_call(struct rule_bo_use *u, CXCursor call);

#endif
