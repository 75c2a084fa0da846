/* What the walk tells security-realloc-leak about the blocks local variables hold: each
 * reference to a local pointer, struct, union or array is judged from the expressions around
 * it (released, kept, returned, passed to the unit's own or another unit's function, copied
 * to another local), allocations and blocks received from other units are recorded. */
#ifndef ECG_RULES_SUPPORT_LEAK_TRACK_H
#define ECG_RULES_SUPPORT_LEAK_TRACK_H

#include <clang-c/Index.h>

#include "analyzer/taint_xunit.h"
#include "rules/support/leak_state.h"
#include "rules/support/ptruse.h"

struct rule_ctx;

/* The options the tracking reads: the ptruse lists and the allocators list. */
struct rule_leak_opts {
    struct rule_ptruse_options ptruse;
    const char *allocators;
};

/* A DeclRefExpr the walk is at. */
void rule_leak_track_reference(struct rule_ctx *rc, struct rule_leak_state *st,
                               const struct rule_leak_opts *opts, CXCursor ref);

/* The walk is at call, which returns a fresh block (named name for messages); seed is set
 * when another unit said so. */
void rule_leak_track_allocation(struct rule_ctx *rc, struct rule_leak_state *st,
                                const struct rule_leak_opts *opts, CXCursor call, const char *name,
                                const struct ecg_xfact *seed);

/* A ReturnStmt the walk is at. */
void rule_leak_track_return(struct rule_ctx *rc, struct rule_leak_state *st,
                            const struct rule_leak_opts *opts, CXCursor ret);

/* A VarDecl or an assignment the walk is at: a local pointer that receives a block another
 * unit handed over through a parameter's pointee, member or element (not a call). */
void rule_leak_track_seeded_read(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor at);

/* Entering fn: its pointer parameters that other units hand owned blocks to. */
void rule_leak_track_params(struct rule_ctx *rc, struct rule_leak_state *st, CXCursor fn);

#endif
