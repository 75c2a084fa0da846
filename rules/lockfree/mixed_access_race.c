/* lockfree-mixed-access, second half: which of the unit's plain accesses can race with its
 * atomic ones (the same object, not the writer's own read, not before a publication, a thread
 * start or an atomic_init), and the findings, each with the object's other accesses as related
 * locations. mixed_access.c records the accesses along the walk. */
#include "rules/lockfree/mixed_access_int.h"

#include <stdint.h>

#include "analyzer/cursormap.h"
#include "rules/rule.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_sides.h"

#define MA_MAX_RELATED 4 /* related locations of each kind on a finding */

static int fn_in(const CXCursor *fns, size_t n, CXCursor fn)
{
    for (size_t i = 0; i < n; i++) {
        if (clang_equalCursors(fns[i], fn))
            return 1;
    }
    return 0;
}

/* Nonzero when fn calls atomic_init on decl: it initialises the object before publishing. */
static int initialises(const struct ma_state *st, CXCursor decl, CXCursor fn)
{
    const struct rule_atomics_object *o = rule_atomics_sides_object(&st->sides, decl);

    if (o == NULL || !o->inits)
        return 0;
    for (size_t i = 0; i < st->n_atomics; i++) {
        const struct ma_atomic *a = &st->atomics[i];
        if (a->is_init && clang_equalCursors(a->fn, fn) && clang_equalCursors(a->decl, decl))
            return 1;
    }
    return 0;
}

/* Nonzero when a plain read is the writer's own: the function also writes the object
 * atomically, or the object has a single writer (only atomic stores) and the function is on
 * the writing side (it, or a function it calls, writes atomically). A writer reads what it
 * wrote itself; the readers, which write nothing, are still reported. */
static int writer_reads(struct ma_state *st, const struct ma_plain *p)
{
    const struct rule_atomics_object *o = rule_atomics_sides_object(&st->sides, p->decl);

    if (p->write || o == NULL)
        return 0;
    if (!o->writes)
        return 1; /* reads race only with writes, and every write of it is plain */
    if (rule_atomics_object_written_by(o, p->fn))
        return 1;
    /* only stores, no read-modify-write: one writer (several would need one) */
    return !o->rmw && rule_atomics_sides_writing(&st->sides, p->fn);
}

/* Nonzero when p goes through a pointer the function publishes later ('n->next = head;
 * ... compare-exchange(&top, &head, n)'): the object is still the function's own. */
static int before_publication(const struct ma_state *st, const struct ma_plain *p)
{
    if (rule_atomics_null(p->base))
        return 0;
    for (size_t i = 0; i < st->n_publishes; i++) {
        const struct ma_publish *q = &st->publishes[i];
        if (q->offset > p->offset && clang_equalCursors(q->fn, p->fn) &&
            clang_equalCursors(q->var, p->base))
            return 1;
    }
    return 0;
}

/* Nonzero when the plain member access p of the current function reaches the object some
 * atomic access does: the function itself accesses the member atomically, or accesses members
 * atomically through the variable p's path starts from (a global's member also matches when
 * the unit does so through that global: shared_at_end). A member reached only through
 * pointers of other functions (a private copy, a node of another list) is another object. */
static int same_object(const struct ma_state *st, const struct ma_plain *p)
{
    if (st->across_functions || ecg_cursormap_find(&st->fn_fields, p->decl) >= 0)
        return 1;
    return !rule_atomics_null(p->root) && ecg_cursormap_find(&st->fn_roots, p->root) >= 0;
}

/* Nonzero when p reaches a shared object: decided per function, or (for a path from a
 * global, whose atomic accesses may come in later functions) at the end of the unit. */
static int shared_at_end(const struct ma_state *st, const struct ma_plain *p)
{
    if (p->matched)
        return 1;
    return !rule_atomics_null(p->root) && rule_mixed_access_is_global(p->root) &&
           ecg_cursormap_find(&st->shared_vars, p->root) >= 0;
}

/* Nonzero when the member access p is the owner's read of its own thread's object (only
 * the owner writes there), or a write through a local or parameter that the function then
 * orders before a publication with a fence ('n->next = NULL; fence; cas(&tail->next, ..)'). */
static int owned_or_fenced(const struct ma_state *st, const struct ma_plain *p)
{
    if (rule_atomics_null(p->root))
        return 0;
    if (!p->write)
        return rule_mixed_access_is_thread_local(p->root);
    return !rule_mixed_access_is_global(p->root) && p->offset < st->fn_fence;
}

/* Decides which of the current function's plain member accesses reach a shared object, and
 * empties the function's records for the next one. */
void rule_mixed_access_race_finish_function(struct ma_state *st)
{
    for (size_t i = st->fn_first_plain; i < st->n_plains; i++) {
        struct ma_plain *p = &st->plains[i];
        if (p->matched)
            continue;
        p->matched = same_object(st, p);
        p->exempt |= owned_or_fenced(st, p);
    }
    st->fn_first_plain = st->n_plains;
    st->fn_fence = 0;
    st->copy_src = clang_getNullCursor();
    ecg_cursormap_fini(&st->fn_fields);
    ecg_cursormap_fini(&st->fn_roots);
}

/* Nonzero when the plain access can race with the atomic ones. */
static int racy(struct ma_state *st, const struct ma_plain *p)
{
    if (!shared_at_end(st, p) || p->exempt || writer_reads(st, p) || before_publication(st, p))
        return 0;
    if (p->phase != MA_THREADS_RUN && fn_in(st->creators, st->n_creators, p->fn))
        return 0; /* before the function starts threads, or after it joins them */
    return !initialises(st, p->decl, p->fn);
}

static unsigned line_of(CXCursor c)
{
    unsigned line = 0;

    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
    return line;
}

static void add_atomic_related(struct rule_ctx *rc, struct ecg_finding *f,
                               const struct ma_state *st, size_t first, const char *name)
{
    const struct ma_atomic *a = &st->atomics[first];
    unsigned shown = 0;

    for (size_t i = first; i < st->n_atomics && shown < MA_MAX_RELATED; i++) {
        if (st->atomics[i].is_init || !clang_equalCursors(st->atomics[i].decl, a->decl))
            continue;
        rule_add_related(rc, f, clang_getCursorExtent(st->atomics[i].expr), "atomic access to '%s'",
                         name);
        shown++;
    }
}

/* Adds the function's later plain accesses to the object as related locations (f may be
 * NULL) and marks them exempt, so each function is reported once. */
static void add_plain_related(struct rule_ctx *rc, struct ecg_finding *f, struct ma_state *st,
                              size_t k, const char *name)
{
    unsigned shown = 0;

    for (size_t i = k + 1; i < st->n_plains; i++) {
        struct ma_plain *p = &st->plains[i];
        if (!clang_equalCursors(p->decl, st->plains[k].decl) ||
            !clang_equalCursors(p->fn, st->plains[k].fn))
            continue;
        if (f != NULL && shown < MA_MAX_RELATED && racy(st, p)) {
            rule_add_related(rc, f, clang_getCursorExtent(p->ref), "plain %s of '%s'",
                             p->write ? "write" : "read", name);
            shown++;
        }
        p->exempt = 1;
    }
}

/* Reports the plain access at index k against the first atomic access first (of the same
 * object), with the other accesses as related locations. */
static void report(struct rule_ctx *rc, struct ma_state *st, size_t k, size_t first)
{
    const struct ma_atomic *a = &st->atomics[first];
    char name[128];
    struct ecg_finding *f;

    rule_cursor_name(a->decl, name, sizeof(name));
    f = rule_report(rc, st->plains[k].ref,
                    "'%s' is accessed atomically (line %u) but %s by a plain access here: a data "
                    "race; make every access atomic (atomic_load_explicit/atomic_store_explicit, "
                    "at least memory_order_relaxed) or declare it _Atomic",
                    name, line_of(a->expr), st->plains[k].write ? "written" : "read");
    if (f != NULL)
        add_atomic_related(rc, f, st, first, name);
    add_plain_related(rc, f, st, k, name);
}

/* The first atomic (not init) access to decl, or SIZE_MAX. */
static size_t first_atomic(const struct ma_state *st, CXCursor decl)
{
    const struct rule_atomics_object *o = rule_atomics_sides_object(&st->sides, decl);

    return o == NULL ? SIZE_MAX : o->first;
}

void rule_mixed_access_race_report(struct rule_ctx *rc, struct ma_state *st)
{
    for (size_t k = 0; k < st->n_plains; k++) {
        size_t first = first_atomic(st, st->plains[k].decl);
        if (first != SIZE_MAX && racy(st, &st->plains[k]))
            report(rc, st, k, first);
    }
}
