/* Internals of lockfree-mixed-access shared by its two files: mixed_access.c records the
 * unit's atomic and plain accesses along the walk, mixed_access_race.c decides at the end of
 * each function and of the unit which plain ones race and reports them. */
#ifndef ECG_RULES_LOCKFREE_MIXED_ACCESS_INT_H
#define ECG_RULES_LOCKFREE_MIXED_ACCESS_INT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/cursormap.h"
#include "rules/support/atomics_sides.h"

struct rule_atomics_kids;
struct rule_ctx;

enum ma_phase {
    MA_BEFORE_THREADS, /* no thread was created yet in the function */
    MA_THREADS_RUN,    /* after a create, before any join */
    MA_AFTER_JOIN,     /* after a join */
};

/* An atomic operation on a named object. Cursors belong to the unit. */
struct ma_atomic {
    CXCursor decl; /* the VarDecl (definition when visible) or FieldDecl */
    CXCursor expr;
    CXCursor fn;
    int is_init; /* atomic_init: marks the function as the object's initialiser */
};

/* A pointer held in a local or parameter that an atomic store, exchange or compare-exchange
 * publishes: before it, the object it points to is the function's own. */
struct ma_publish {
    CXCursor var;
    CXCursor fn;
    unsigned offset; /* of the publishing operation */
};

/* A plain load or store of a named object. */
struct ma_plain {
    CXCursor decl;
    CXCursor ref; /* the DeclRefExpr or MemberRefExpr */
    CXCursor fn;
    int write;
    int exempt; /* under a lock, on a fresh or local object, in an init function */
    enum ma_phase phase;
    CXCursor base;   /* the local or parameter 'v' of 'v->f', or null */
    CXCursor root;   /* the variable a member's access path starts from ('g' of 'g->a.f') */
    unsigned offset; /* of the reference */
    int matched;     /* the same object as an atomic access (see same_object) */
};

struct ma_state {
    struct ma_atomic *atomics; /* owned */
    size_t n_atomics, cap_atomics;
    struct ma_plain *plains; /* owned */
    size_t n_plains, cap_plains;
    CXCursor *creators; /* owned: functions that create threads */
    size_t n_creators, cap_creators;
    struct rule_atomics_sides sides; /* owned: the unit's writing side */
    struct ma_publish *publishes;    /* owned */
    size_t n_publishes, cap_publishes;
    CXCursor *fresh; /* owned: locals of the current function that hold a new allocation */
    size_t n_fresh, cap_fresh;
    CXCursor wrapped;      /* the object of the last operation made through a wrapper macro */
    unsigned wrapped_from; /* file offsets of that operation's extent */
    unsigned wrapped_to;
    unsigned lock_depth; /* lock calls minus unlock calls so far in the function */
    enum ma_phase phase;
    int init_fn; /* the current function's name says it initialises or tears down; -1 until
                    the first plain access asks (most functions have none) */
    struct ecg_cursormap fn_fields;   /* members the current function accesses atomically */
    struct ecg_cursormap fn_roots;    /* locals and parameters it accesses members of atomically */
    struct ecg_cursormap shared_vars; /* globals the unit accesses members of atomically */
    size_t fn_first_plain;            /* the current function's first plain access */
    int across_functions;             /* option match_members_across_functions */
    unsigned fn_fence; /* offset of the current function's last fence that orders stores */
    CXCursor copy_src; /* the local or parameter the last local initialised from one copies */
    unsigned copy_at;  /* the offset of that declaration (its macro's use, in a macro) */
    struct rule_atomics_kids *kids; /* borrowed: the unit's memo of children; NULL: none */
};

/* Nonzero when var is a thread-local variable. */
static inline int rule_mixed_access_is_thread_local(CXCursor var)
{
    return clang_getCursorKind(var) == CXCursor_VarDecl &&
           clang_getCursorTLSKind(var) != CXTLS_None;
}

/* Nonzero when var is a variable with static storage (a global or a static). */
static inline int rule_mixed_access_is_global(CXCursor var)
{
    return clang_getCursorKind(var) == CXCursor_VarDecl &&
           clang_Cursor_hasVarDeclGlobalStorage(var) == 1;
}

/* Decides which of the current function's plain member accesses reach a shared object, and
 * empties the function's records for the next one. */
void rule_mixed_access_race_finish_function(struct ma_state *st);

/* Reports every recorded plain access that can race with an atomic access to its object.
 * Call once at the end of the unit, after rule_mixed_access_race_finish_function. */
void rule_mixed_access_race_report(struct rule_ctx *rc, struct ma_state *st);

#endif
