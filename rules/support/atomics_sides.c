/* The writing side of a unit; see atomics_sides.h. Searches are bounded by a call depth and
 * their answers kept per function, so a unit with thousands of functions stays linear in
 * the number of questions times the calls seen. */
#include "rules/support/atomics_sides.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/grow.h"

#define SIDES_MAX_DEPTH 3 /* calls followed from a function, and up to its callers */

void rule_atomics_sides_init(struct rule_atomics_sides *s)
{
    memset(s, 0, sizeof(*s));
    ecg_cursormap_init(&s->writers);
    ecg_cursormap_init(&s->objects);
    ecg_cursormap_init(&s->answered);
}

void rule_atomics_sides_fini(struct rule_atomics_sides *s)
{
    for (size_t i = 0; i < s->objects.len; i++)
        free(s->objs[i].writer_fns);
    free(s->objs);
    free(s->calls);
    free(s->answers);
    ecg_cursormap_fini(&s->writers);
    ecg_cursormap_fini(&s->objects);
    ecg_cursormap_fini(&s->answered);
    rule_atomics_sides_init(s);
}

static int is_write(const struct rule_atomics_op *op)
{
    return op->kind != RULE_ATOMICS_LOAD && op->kind != RULE_ATOMICS_INIT &&
           op->kind != RULE_ATOMICS_FENCE;
}

void rule_atomics_sides_note_op(struct rule_atomics_sides *s, CXCursor fn,
                                const struct rule_atomics_op *op)
{
    uint32_t index;
    int added;

    if (is_write(op))
        (void)ecg_cursormap_intern(&index, &added, &s->writers, fn);
}

void rule_atomics_sides_note_call(struct rule_atomics_sides *s, CXCursor fn, CXCursor call)
{
    CXCursor callee = clang_getCursorDefinition(clang_getCursorReferenced(call));
    struct rule_atomics_call *c;

    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return;
    if (ecg_grow((void **)&s->calls, &s->cap_calls, s->n_calls + 1, sizeof(*c)) != 0)
        return;
    c = &s->calls[s->n_calls++];
    c->caller = fn;
    c->callee = callee;
}

int rule_atomics_object_written_by(const struct rule_atomics_object *o, CXCursor fn)
{
    for (size_t i = 0; i < o->n_writer_fns; i++) {
        if (clang_equalCursors(o->writer_fns[i], fn))
            return 1;
    }
    return 0;
}

/* Adds fn to the object's writers (once). Returns 0 or ECG_ENOMEM. */
static int add_writer_fn(struct rule_atomics_object *o, CXCursor fn)
{
    if (rule_atomics_object_written_by(o, fn))
        return 0;
    if (ecg_grow((void **)&o->writer_fns, &o->cap_writer_fns, o->n_writer_fns + 1,
                 sizeof(*o->writer_fns)) != 0)
        return ECG_ENOMEM;
    o->writer_fns[o->n_writer_fns++] = fn;
    return 0;
}

int rule_atomics_sides_note_object(struct rule_atomics_sides *s, CXCursor decl, size_t index,
                                   CXCursor fn, const struct rule_atomics_op *op)
{
    struct rule_atomics_object *o;
    uint32_t at;
    int added = 0;

    if (ecg_grow((void **)&s->objs, &s->cap_objs, s->objects.len + 1, sizeof(*s->objs)) != 0 ||
        ecg_cursormap_intern(&at, &added, &s->objects, decl) != 0)
        return ECG_ENOMEM;
    o = &s->objs[at];
    if (added) {
        memset(o, 0, sizeof(*o));
        o->first = SIZE_MAX;
    }
    o->inits |= op->kind == RULE_ATOMICS_INIT;
    if (op->kind != RULE_ATOMICS_INIT && o->first == SIZE_MAX)
        o->first = index;
    if (!is_write(op))
        return 0;
    o->writes = 1;
    o->rmw |= op->kind != RULE_ATOMICS_STORE;
    return add_writer_fn(o, fn);
}

const struct rule_atomics_object *rule_atomics_sides_object(const struct rule_atomics_sides *s,
                                                            CXCursor decl)
{
    long at = ecg_cursormap_find(&s->objects, decl);

    return at < 0 ? NULL : &s->objs[at];
}

/* Nonzero when fn writes atomically or calls, through at most depth calls, one that does. */
static int writes_down(const struct rule_atomics_sides *s, CXCursor fn, unsigned depth)
{
    if (ecg_cursormap_find(&s->writers, fn) >= 0)
        return 1;
    if (depth == 0)
        return 0;
    for (size_t i = 0; i < s->n_calls; i++) {
        const struct rule_atomics_call *c = &s->calls[i];
        if (clang_equalCursors(c->caller, fn) && !clang_equalCursors(c->callee, fn) &&
            writes_down(s, c->callee, depth - 1))
            return 1;
    }
    return 0;
}

/* Nonzero when fn has callers and every one writes (downwards) or, through at most depth
 * callers, is itself called only from such functions: a helper of the writer. */
static int called_by_writers(const struct rule_atomics_sides *s, CXCursor fn, unsigned depth)
{
    int called = 0;

    for (size_t i = 0; i < s->n_calls; i++) {
        const struct rule_atomics_call *c = &s->calls[i];
        if (!clang_equalCursors(c->callee, fn) || clang_equalCursors(c->caller, fn))
            continue;
        called = 1;
        if (writes_down(s, c->caller, SIDES_MAX_DEPTH))
            continue;
        if (depth == 0 || !called_by_writers(s, c->caller, depth - 1))
            return 0;
    }
    return called;
}

int rule_atomics_sides_writing(struct rule_atomics_sides *s, CXCursor fn)
{
    uint32_t at;
    int added = 0;
    int writing;

    if (ecg_cursormap_find(&s->writers, fn) >= 0)
        return 1;
    if (ecg_grow((void **)&s->answers, &s->cap_answers, s->answered.len + 1, 1) == 0 &&
        ecg_cursormap_intern(&at, &added, &s->answered, fn) == 0) {
        if (!added)
            return s->answers[at];
        writing = writes_down(s, fn, SIDES_MAX_DEPTH) || called_by_writers(s, fn, SIDES_MAX_DEPTH);
        s->answers[at] = (signed char)writing;
        return writing;
    }
    return writes_down(s, fn, SIDES_MAX_DEPTH) || called_by_writers(s, fn, SIDES_MAX_DEPTH);
}
