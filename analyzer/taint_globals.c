/* Globals for the taint engine: the unit-wide taint of each global (a witness per part:
 * the variable, one of its fields, or what it points to), which functions read each
 * global, and the globals whose value the unit never changes (constant conditions such as
 * `if (staticTrue)` then select one branch). Finding writers and readers resolves every
 * function of the unit, so it is done once and only when first needed. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/taint_int.h"

#define SCAN_READERS 1
#define SCAN_WRITERS 2

static int add_reader(struct ecg_taint *t, uint32_t var, uint32_t fn)
{
    struct taint_var *v = &t->vars[var];
    uint32_t *grown;

    if (v->n_readers > 0 && v->readers[v->n_readers - 1] == fn)
        return 0;
    if (v->n_readers == v->readers_cap) {
        uint32_t cap = v->readers_cap != 0 ? v->readers_cap * 2 : 4;
        grown = realloc(v->readers, cap * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        v->readers = grown;
        v->readers_cap = cap;
    }
    v->readers[v->n_readers++] = fn;
    return 0;
}

/* The global a node names after parentheses and casts, or TNONE. */
static uint32_t global_named(const struct ecg_taint *t, uint32_t node)
{
    const struct taint_fact *f;

    if (node == ECG_FIR_NONE)
        return TNONE;
    node = ecg_fir_strip(t->fir, node);
    f = &t->facts[node];
    if (ecg_fir_kind(t->fir, node) != CXCursor_DeclRefExpr || f->what != TF_VAR ||
        f->ref == TNONE || t->vars[f->ref].function != TNONE)
        return TNONE;
    return f->ref;
}

static int evaluate(long long *out, CXCursor c)
{
    CXEvalResult r = clang_Cursor_Evaluate(c);
    int ok = r != NULL && clang_EvalResult_getKind(r) == CXEval_Int;

    if (ok)
        *out = clang_EvalResult_getAsLongLong(r);
    if (r != NULL)
        clang_EvalResult_dispose(r);
    return ok;
}

/* The value a global starts with: its initializer's, or 0 for a definition without one. */
static int initial_value(long long *out, CXCursor decl)
{
    CXCursor def = clang_getCursorDefinition(decl);

    if (clang_Cursor_isNull(def))
        def = decl;
    if (evaluate(out, def))
        return 1;
    *out = 0;
    return clang_getCursorLinkage(def) == CXLinkage_Internal;
}

/* An assignment `g = value` changes g unless value is what g starts with. */
static void note_assignment(struct ecg_taint *t, uint32_t node)
{
    uint32_t lhs = ecg_fir_first_child(t->fir, node);
    uint32_t rhs = lhs != ECG_FIR_NONE ? ecg_fir_next_sibling(t->fir, lhs) : ECG_FIR_NONE;
    uint32_t var = global_named(t, lhs);
    long long value, start;

    if (var == TNONE)
        return;
    if (rhs == ECG_FIR_NONE || !evaluate(&value, t->fir->nodes[rhs].cursor) ||
        !initial_value(&start, t->vars[var].decl) || value != start)
        t->vars[var].written = 1;
}

/* Nonzero for an operator that changes its operand, or lets its address escape. */
static int changes_operand(enum CXCursorKind kind, uint8_t op)
{
    if (kind == CXCursor_CompoundAssignOperator)
        return 1;
    if (kind != CXCursor_UnaryOperator)
        return 0;
    return op == ECG_OP_PREINC || op == ECG_OP_PREDEC || op == ECG_OP_POSTINC ||
           op == ECG_OP_POSTDEC || op == ECG_OP_ADDROF;
}

static void note_write(struct ecg_taint *t, uint32_t node)
{
    enum CXCursorKind kind = ecg_fir_kind(t->fir, node);
    uint8_t op = t->facts[node].op;
    uint32_t var;

    if (kind == CXCursor_BinaryOperator && op == ECG_OP_ASSIGN) {
        note_assignment(t, node);
        return;
    }
    if (!changes_operand(kind, op))
        return;
    var = global_named(t, ecg_fir_first_child(t->fir, node));
    if (var != TNONE)
        t->vars[var].written = 1;
}

/* Notes fn as a reader of every global it names. */
static int scan_readers(struct ecg_taint *t, uint32_t fn)
{
    uint32_t root = t->fns[fn].node;
    uint32_t end = t->fir->nodes[root].end;

    if (ecg_taint_facts_refs(t, fn) != 0)
        return ECG_ENOMEM;
    for (uint32_t n = root + 1; n < end; n++) {
        const struct taint_fact *f = &t->facts[n];
        if (f->what == TF_VAR && f->ref != TNONE && t->vars[f->ref].function == TNONE &&
            ecg_fir_kind(t->fir, n) == CXCursor_DeclRefExpr && add_reader(t, f->ref, fn) != 0)
            return ECG_ENOMEM;
    }
    return 0;
}

/* Notes which globals fn changes. */
static int scan_writers(struct ecg_taint *t, uint32_t fn)
{
    uint32_t root = t->fns[fn].node;
    uint32_t end = t->fir->nodes[root].end;

    if (ecg_taint_facts_function(t, fn) != 0)
        return ECG_ENOMEM;
    for (uint32_t n = root + 1; n < end; n++)
        note_write(t, n);
    return 0;
}

/* Runs scan (SCAN_READERS or SCAN_WRITERS) over every function of the unit, once. */
static int scan_globals(struct ecg_taint *t, int scan)
{
    if (t->globals_scanned & scan)
        return t->failed ? ECG_ENOMEM : 0;
    t->globals_scanned |= scan;
    for (uint32_t fn = 0; fn < t->n_fns; fn++) {
        int rc = scan == SCAN_READERS ? scan_readers(t, fn) : scan_writers(t, fn);
        if (rc != 0) {
            t->failed = 1;
            return ECG_ENOMEM;
        }
    }
    return 0;
}

/* Decides once whether global var is a constant: const with a constant initializer, or of
 * internal linkage and never changed by the unit. The scan interns variables, so vars may
 * move: they are reached by index. */
static void decide_const(struct ecg_taint *t, uint32_t var)
{
    long long value;
    int known = initial_value(&value, t->vars[var].decl);
    int constant = known && t->vars[var].is_const;

    if (known && !constant && t->vars[var].internal && scan_globals(t, SCAN_WRITERS) == 0)
        constant = !t->vars[var].written;
    t->vars[var].const_state = constant ? 1 : 2;
    t->vars[var].const_value = value;
}

int ecg_taint_facts_global_const(long long *out, struct ecg_taint *t, uint32_t var)
{
    if (t->vars[var].function != TNONE || !tclass_is_int(t->vars[var].tclass))
        return 0;
    if (t->vars[var].const_state == 0)
        decide_const(t, var);
    if (t->vars[var].const_state != 1)
        return 0;
    *out = t->vars[var].const_value;
    return 1;
}

/* --- the unit's taint of globals ------------------------------------------------------- */

static uint32_t find_cell(const struct ecg_taint *t, uint32_t var, uint32_t part)
{
    for (uint32_t c = t->vars[var].gcell; c != TNONE; c = t->gcells[c].next) {
        if (t->gcells[c].part == part)
            return c;
    }
    return TNONE;
}

static uint32_t add_cell(struct ecg_taint *t, uint32_t var, uint32_t part)
{
    struct taint_gcell *grown;

    if (t->n_gcells == t->gcells_cap) {
        size_t cap = t->gcells_cap != 0 ? t->gcells_cap * 2 : 16;
        grown = realloc(t->gcells, cap * sizeof(*grown));
        if (grown == NULL)
            return TNONE;
        t->gcells = grown;
        t->gcells_cap = cap;
    }
    t->gcells[t->n_gcells] = (struct taint_gcell){ var, part, t->vars[var].gcell, 0 };
    t->vars[var].gcell = (uint32_t)t->n_gcells;
    return (uint32_t)t->n_gcells++;
}

void ecg_taint_global_write(struct ecg_taint *t, uint32_t var, uint32_t part, uint32_t witness)
{
    uint32_t c = find_cell(t, var, part);

    if (witness == 0)
        return;
    if (c == TNONE)
        c = add_cell(t, var, part);
    if (c == TNONE) {
        t->failed = 1;
        return;
    }
    if (t->gcells[c].witness != 0)
        return;
    t->gcells[c].witness = witness;
    if (scan_globals(t, SCAN_READERS) != 0)
        return;
    for (uint32_t i = 0; i < t->vars[var].n_readers; i++)
        ecg_taint_queue_taint(t, t->vars[var].readers[i]);
}

/* Nonzero when a read of part sees what was written to stored: the part itself, and for a
 * field's value what was written to the whole variable. The whole variable's value does
 * not include its fields' (reading `g.f` reads `g` too, which must not bring in `g.h`). */
static int part_sees(uint32_t part, uint32_t stored)
{
    return part == stored || (stored == 0 && (part & TAINT_PART_POINTEE) == 0);
}

uint32_t ecg_taint_global_read(const struct ecg_taint *t, uint32_t var, uint32_t part)
{
    for (uint32_t c = t->vars[var].gcell; c != TNONE; c = t->gcells[c].next) {
        const struct taint_gcell *g = &t->gcells[c];
        if (g->witness != 0 && part_sees(part, g->part))
            return g->witness;
    }
    return 0;
}

/* --- globals shared with other units --------------------------------------------------- */

/* Nonzero for a global with external linkage that ordinary code reads (not optarg, stdin). */
static int shared_global(const struct taint_var *v)
{
    return v->function == TNONE && !v->internal && v->source < 0 && !v->is_stdin;
}

static int spelled(const struct taint_var *v, const char *name)
{
    CXString s = clang_getCursorSpelling(v->decl);
    const char *text = clang_getCString(s);
    int same = text != NULL && strcmp(text, name) == 0;

    clang_disposeString(s);
    return same;
}

void ecg_taint_global_seed(struct ecg_taint *t, const char *name, uint32_t part, uint32_t witness)
{
    if (scan_globals(t, SCAN_READERS) != 0)
        return;
    for (uint32_t v = 0; v < t->var_map.len; v++) {
        if (shared_global(&t->vars[v]) && t->vars[v].n_readers > 0 && spelled(&t->vars[v], name))
            ecg_taint_global_write(t, v, part, witness);
    }
}

int ecg_taint_global_names(struct ecg_xnames *out, struct ecg_taint *t)
{
    if (scan_globals(t, SCAN_READERS) != 0)
        return ECG_ENOMEM;
    for (uint32_t v = 0; v < t->var_map.len; v++) {
        CXString s;
        int rc;
        if (!shared_global(&t->vars[v]) || t->vars[v].n_readers == 0)
            continue;
        s = clang_getCursorSpelling(t->vars[v].decl);
        rc = ecg_taint_xunit_name_add(out, clang_getCString(s) != NULL ? clang_getCString(s) : "");
        clang_disposeString(s);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int ecg_taint_global_resolve_all(struct ecg_taint *t)
{
    return scan_globals(t, SCAN_WRITERS);
}
