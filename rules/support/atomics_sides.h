/* The writing side of a unit: the functions that write some object atomically, the calls
 * between the unit's functions, and per object how it is accessed atomically, so a rule can
 * tell a single writer's helpers (which may read the writer's own data plainly) from its
 * readers. Recorded during the walk, asked after it; lookups are hashed, not scans. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_SIDES_H
#define ECG_RULES_SUPPORT_ATOMICS_SIDES_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/cursormap.h"
#include "rules/support/atomics.h"

struct rule_atomics_call {
    CXCursor caller; /* a function definition */
    CXCursor callee; /* the definition of the function called */
};

/* How one object (a variable or member declaration) is accessed atomically. */
struct rule_atomics_object {
    size_t first; /* the caller's index of its first atomic access (not an init); SIZE_MAX */
    int writes;   /* some access stores, exchanges, updates or compare-exchanges it */
    int rmw;      /* some access exchanges, updates or compare-exchanges it: several writers */
    int inits;    /* atomic_init is called on it */
    CXCursor *writer_fns; /* owned: the functions that write it atomically */
    size_t n_writer_fns;
    size_t cap_writer_fns;
};

struct rule_atomics_sides {
    struct ecg_cursormap writers;    /* functions that write some object atomically */
    struct rule_atomics_call *calls; /* owned */
    size_t n_calls;
    size_t cap_calls;
    struct ecg_cursormap objects;     /* declarations: index into objs */
    struct rule_atomics_object *objs; /* owned */
    size_t cap_objs;
    struct ecg_cursormap answered; /* functions asked about: index into answers */
    signed char *answers;          /* owned: rule_atomics_sides_writing's results */
    size_t cap_answers;
};

/* Prepares an empty record in the caller's storage. */
void rule_atomics_sides_init(struct rule_atomics_sides *s);

/* Records the atomic access number index (the caller's numbering) of fn to decl. Returns 0
 * or ECG_ENOMEM (the access is then not recorded). */
int rule_atomics_sides_note_object(struct rule_atomics_sides *s, CXCursor decl, size_t index,
                                   CXCursor fn, const struct rule_atomics_op *op);

/* What was recorded of decl, or NULL for an object never accessed atomically. Borrowed
 * until the next note. */
const struct rule_atomics_object *rule_atomics_sides_object(const struct rule_atomics_sides *s,
                                                            CXCursor decl);

/* Nonzero when fn writes the object atomically. */
int rule_atomics_object_written_by(const struct rule_atomics_object *o, CXCursor fn);

/* Releases the record's arrays and maps. */
void rule_atomics_sides_fini(struct rule_atomics_sides *s);

/* Records that fn performs op (only writes count). Out of memory, the write is forgotten. */
void rule_atomics_sides_note_op(struct rule_atomics_sides *s, CXCursor fn,
                                const struct rule_atomics_op *op);

/* Records that fn makes the call (a CallExpr); calls of functions the unit does not define
 * are ignored. */
void rule_atomics_sides_note_call(struct rule_atomics_sides *s, CXCursor fn, CXCursor call);

/* Nonzero when fn is on the writing side: it writes atomically, or calls (through at most
 * three calls of the unit) a function that does, or every caller it has is on that side.
 * Answered once per function (call it after the walk, when the calls are all recorded). */
int rule_atomics_sides_writing(struct rule_atomics_sides *s, CXCursor fn);

#endif
