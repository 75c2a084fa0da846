/* lockfree-false-sharing: struct members written by different threads (atomic members, members
 * accessed with atomic builtins in the unit, members marked with different ECG_WRITER names)
 * that lie on one cache line of the record layout libclang computes for the target.
 * Known gaps: members of named nested structs are judged in their own struct only; atomic
 * accesses through library wrappers that are functions (ck_pr_*) count only when listed in
 * the atomic_call_prefixes option; unions are skipped (their members overlap by design). */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/cursormap.h"
#include "analyzer/grow.h"
#include "analyzer/opcode.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_names.h"
#include "rules/support/atomics_unit.h"
#include "rules/support/expr.h"
#include "rules/support/layout.h"
#include "rules/support/macro.h"

#define FS_MAX_NAMED 6 /* members named in a message; every one gets a related location */

/* A member seen accessed by an atomic builtin: the first such access. */
struct fs_access {
    CXCursor field;
    CXCursor at;
};

/* A member marked with ecg:writer=NAME. */
struct fs_writer {
    CXCursor field;
    char name[64];
};

struct fs_state {
    CXCursor *records; /* struct definitions in analysed files; TU-owned cursors */
    size_t n_records, cap_records;
    struct fs_access *accesses;
    size_t n_accesses, cap_accesses;
    struct ecg_cursormap access_index; /* field -> index into accesses (zeroed: empty) */
    struct fs_writer *writers;
    size_t n_writers, cap_writers;
};

/* What the rule knows of one member of a record being judged. */
struct fs_member {
    const struct rule_layout_field *lf;
    const struct fs_access *access; /* NULL: not accessed by a builtin */
    const char *writer;             /* NULL: no annotation */
    int is_atomic;                  /* declared _Atomic */
};

static void fs_state_fini(void *state)
{
    struct fs_state *st = state;

    free(st->records);
    free(st->accesses);
    ecg_cursormap_fini(&st->access_index);
    free(st->writers);
}

static const struct fs_access *fs_find_access(const struct fs_state *st, CXCursor field)
{
    long at = ecg_cursormap_find(&st->access_index, field);

    return at >= 0 && (size_t)at < st->n_accesses ? &st->accesses[at] : NULL;
}

static const char *fs_find_writer(const struct fs_state *st, CXCursor field)
{
    for (size_t i = 0; i < st->n_writers; i++) {
        if (clang_equalCursors(st->writers[i].field, field))
            return st->writers[i].name;
    }
    return NULL;
}

/* The member a pointer argument designates: '&x.m' or '&p->m'; a null cursor otherwise. */
static CXCursor fs_member_of_pointer(CXCursor arg)
{
    CXCursor e = rule_expr_strip(arg);
    CXCursor inner;

    if (clang_getCursorKind(e) != CXCursor_UnaryOperator || ecg_opcode_of(e) != ECG_OP_ADDROF)
        return clang_getNullCursor();
    inner = rule_expr_strip(rule_expr_first_child(e));
    if (clang_getCursorKind(inner) != CXCursor_MemberRefExpr)
        return clang_getNullCursor();
    inner = clang_getCursorReferenced(inner);
    if (clang_getCursorKind(inner) != CXCursor_FieldDecl)
        return clang_getNullCursor();
    return inner;
}

static void fs_note_access(struct rule_ctx *rc, CXCursor arg, CXCursor at)
{
    struct fs_state *st = rule_state(rc);
    CXCursor field = fs_member_of_pointer(arg);
    uint32_t index;
    int added = 0;

    if (rule_atomics_null(field) || fs_find_access(st, field) != NULL)
        return;
    if (ecg_grow((void **)&st->accesses, &st->cap_accesses, st->n_accesses + 1,
                 sizeof(*st->accesses)) != 0 ||
        ecg_cursormap_intern(&index, &added, &st->access_index, field) != 0 ||
        index != st->n_accesses)
        return; /* out of memory: the member is judged without this access */
    st->accesses[st->n_accesses].field = field;
    st->accesses[st->n_accesses].at = at;
    st->n_accesses++;
}

/* Nonzero when the pointer operand of an atomic operation points to an _Atomic type. */
static int fs_points_to_atomic(CXCursor ptr)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(rule_expr_strip(ptr)));

    if (t.kind != CXType_Pointer)
        return 0;
    return clang_getCanonicalType(clang_getPointeeType(t)).kind == CXType_Atomic;
}

/* libclang shows __c11_atomic_* and __atomic_* builtins (what <stdatomic.h> expands to) as
 * an unexposed expression whose first child is the object's address: recognised by that
 * operand and the name written at the use ('atomic_load_explicit', '__atomic_store_n',
 * a wrapper macro such as 'uatomic_set'). Implicit casts, the most common unexposed
 * expressions, have one child and stop at the first test. */
static void fs_on_unexposed(struct rule_ctx *rc, CXCursor expr)
{
    /* the atomic operations' reader visits the same children at the same event */
    const struct rule_atomics_children *ch = rule_atomics_read_children(rc, expr);
    struct rule_atomics_children own;
    CXCursor ptr;
    char name[64];

    if (ch == NULL) {
        rule_atomics_children_of(&own, expr);
        ch = &own;
    }
    if (ch->n < 2)
        return;
    ptr = ch->c[0];
    if (clang_getCanonicalType(clang_getCursorType(rule_expr_strip(ptr))).kind != CXType_Pointer)
        return;
    if (!fs_points_to_atomic(ptr)) {
        if (!rule_macro_name_at(name, sizeof(name), rule_unit(rc), expr) ||
            strstr(name, "atomic") == NULL)
            return;
    }
    fs_note_access(rc, ptr, expr);
}

/* Nonzero when name starts with one of the atomic_call_prefixes items. */
static int fs_is_atomic_call(const struct rule_ctx *rc, const char *name)
{
    const char *list = rule_option_string(rc, "atomic_call_prefixes");
    const char *p = list;

    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len > 0 && strncmp(name, p, len) == 0)
            return 1;
        p = comma != NULL ? comma + 1 : NULL;
    }
    return 0;
}

static void fs_on_call(struct rule_ctx *rc, CXCursor call)
{
    char name[128];

    if (clang_Cursor_getNumArguments(call) < 1)
        return;
    rule_atomics_callee_name(rc, call, name, sizeof(name));
    if (name[0] == '\0' || !fs_is_atomic_call(rc, name))
        return;
    fs_note_access(rc, clang_Cursor_getArgument(call, 0), call);
}

/* The writer name of an annotation: "ecg:writer=NAME" (issue 7's spelling) or
 * "ecg:writer:NAME" (what ecg/annotate.h's ECG_WRITER expands to); NULL for others. */
static const char *fs_writer_name(const char *text)
{
    static const char prefix[] = "ecg:writer";

    if (text == NULL || strncmp(text, prefix, sizeof(prefix) - 1) != 0)
        return NULL;
    text += sizeof(prefix) - 1;
    if (*text != '=' && *text != ':')
        return NULL;
    return text + 1;
}

static void fs_on_annotate(struct rule_ctx *rc, CXCursor attr)
{
    struct fs_state *st = rule_state(rc);
    CXCursor field = rule_ancestor(rc, 0);
    CXString s;
    const char *name;

    if (clang_getCursorKind(field) != CXCursor_FieldDecl)
        return;
    s = clang_getCursorSpelling(attr);
    name = fs_writer_name(clang_getCString(s));
    if (name != NULL && ecg_grow((void **)&st->writers, &st->cap_writers, st->n_writers + 1,
                                 sizeof(*st->writers)) == 0) {
        st->writers[st->n_writers].field = field;
        snprintf(st->writers[st->n_writers].name, sizeof(st->writers[0].name), "%s", name);
        st->n_writers++;
    }
    clang_disposeString(s);
}

static void fs_on_struct(struct rule_ctx *rc, CXCursor decl)
{
    struct fs_state *st = rule_state(rc);

    /* An anonymous member's fields are judged at their offsets in the enclosing struct. */
    if (!clang_isCursorDefinition(decl) || clang_Cursor_isAnonymousRecordDecl(decl) ||
        !rule_location_analyzed(rc, clang_getCursorLocation(decl)))
        return;
    if (ecg_grow((void **)&st->records, &st->cap_records, st->n_records + 1,
                 sizeof(*st->records)) != 0)
        return;
    st->records[st->n_records++] = decl;
}

static void fs_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    switch (clang_getCursorKind(cursor)) {
    case CXCursor_UnexposedExpr:
        fs_on_unexposed(rc, cursor);
        break;
    case CXCursor_CallExpr:
        fs_on_call(rc, cursor);
        break;
    case CXCursor_AnnotateAttr:
        fs_on_annotate(rc, cursor);
        break;
    case CXCursor_StructDecl:
        fs_on_struct(rc, cursor);
        break;
    default:
        break;
    }
}

static int fs_type_is_atomic(CXType t)
{
    CXType c = clang_getCanonicalType(t);

    while (c.kind == CXType_ConstantArray)
        c = clang_getCanonicalType(clang_getArrayElementType(c));
    return c.kind == CXType_Atomic;
}

/* Two members conflict when nothing says one thread writes both: they are not marked with
 * the same writer. */
static int fs_conflict(const struct fs_member *a, const struct fs_member *b)
{
    if (a->writer != NULL && b->writer != NULL)
        return strcmp(a->writer, b->writer) != 0;
    return 1;
}

static long long fs_line(const struct fs_member *m, long long line)
{
    return rule_layout_first_byte(m->lf) / line;
}

static void fs_describe(char *buf, size_t size, const struct fs_member *m, long long line)
{
    char name[128];
    const char *why = m->is_atomic ? "_Atomic" : m->access != NULL ? "atomic access" : "writer";

    rule_cursor_name(m->lf->field, name, sizeof(name));
    if (m->writer != NULL)
        snprintf(buf, size, "'%s' (offset %lld, line %lld, writer '%s')", name,
                 rule_layout_first_byte(m->lf), fs_line(m, line), m->writer);
    else
        snprintf(buf, size, "'%s' (offset %lld, line %lld, %s)", name,
                 rule_layout_first_byte(m->lf), fs_line(m, line), why);
}

/* Joins the descriptions of members[0..n) as "A, B and C" into buf. */
static void fs_list(char *buf, size_t size, const struct fs_member *members, size_t n,
                    long long line)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && i < FS_MAX_NAMED && used < size; i++) {
        char one[256];
        const char *sep = i == 0 ? "" : (i + 1 == n || i + 1 == FS_MAX_NAMED) ? " and " : ", ";
        int w;
        fs_describe(one, sizeof(one), &members[i], line);
        w = snprintf(buf + used, size - used, "%s%s", sep, one);
        if (w < 0)
            return;
        used += (size_t)w;
    }
}

static void fs_add_related(struct rule_ctx *rc, struct ecg_finding *f,
                           const struct fs_member *members, size_t n, long long line)
{
    for (size_t i = 0; i < n; i++) {
        char one[256];
        fs_describe(one, sizeof(one), &members[i], line);
        rule_add_related(rc, f, clang_getCursorExtent(members[i].lf->field), "%s declared here",
                         one);
        if (members[i].access != NULL)
            rule_add_related(rc, f, clang_getCursorExtent(members[i].access->at),
                             "accessed atomically here");
    }
}

static void fs_report(struct rule_ctx *rc, CXCursor record, const struct fs_member *members,
                      size_t n, size_t moved)
{
    long long line = rule_option_int(rc, "cache_line_size");
    long long first = rule_layout_first_byte(members[moved].lf);
    long long pad = (first / line + 1) * line - first;
    char list[1024], type[256], name[128];
    CXString ts = clang_getTypeSpelling(clang_getCursorType(record));
    struct ecg_finding *f;

    /* The spelling of an unnamed struct holds its full path: say what it is instead. */
    snprintf(type, sizeof(type), "%s",
             clang_Cursor_isAnonymous(record) ? "unnamed struct" : clang_getCString(ts));
    clang_disposeString(ts);
    rule_cursor_name(members[moved].lf->field, name, sizeof(name));
    fs_list(list, sizeof(list), members, n, line);
    if (members[moved].lf->is_bitfield)
        f = rule_report(rc, members[moved].lf->field,
                        "%s of '%s' share a %lld-byte cache line, so a write to one invalidates "
                        "the others on every core; start '%s' on its own line: make it a "
                        "separate member declared '_Alignas(%lld)' (a bit-field cannot be aligned)",
                        list, type, line, name, line);
    else
        f = rule_report(rc, members[moved].lf->field,
                        "%s of '%s' share a %lld-byte cache line, so a write to one invalidates "
                        "the others on every core; start '%s' on its own line: declare it "
                        "'_Alignas(%lld)' or insert 'char pad[%lld];' before it",
                        list, type, line, name, line, pad);
    if (f != NULL)
        fs_add_related(rc, f, members, n, line);
}

/* The index (> 0) of the first member of m[0..n) that conflicts with an earlier one, or 0. */
static size_t fs_first_conflict(const struct fs_member *m, size_t n)
{
    for (size_t j = 1; j < n; j++) {
        for (size_t i = 0; i < j; i++) {
            if (fs_conflict(&m[i], &m[j]))
                return j;
        }
    }
    return 0;
}

/* Reports each cache line holding two or more conflicting members. */
static void fs_judge_lines(struct rule_ctx *rc, CXCursor record, const struct fs_member *m,
                           size_t n)
{
    long long line = rule_option_int(rc, "cache_line_size");
    size_t start = 0;

    while (start < n) {
        size_t end = start + 1;
        size_t moved;
        while (end < n && fs_line(&m[end], line) == fs_line(&m[start], line))
            end++;
        moved = fs_first_conflict(&m[start], end - start);
        if (moved != 0)
            fs_report(rc, record, &m[start], end - start, moved);
        start = end;
    }
}

static void fs_judge_record(struct rule_ctx *rc, CXCursor record)
{
    const struct fs_state *st = rule_state(rc);
    struct rule_layout layout;
    struct fs_member *members = NULL;
    size_t n = 0, cap = 0;

    rule_layout_init(&layout);
    if (rule_layout_read(&layout, clang_getCursorType(record)) != 0)
        goto out;
    for (size_t i = 0; i < layout.n; i++) {
        struct fs_member m = { &layout.fields[i], NULL, NULL, 0 };
        m.is_atomic = fs_type_is_atomic(clang_getCursorType(layout.fields[i].field));
        m.access = fs_find_access(st, layout.fields[i].field);
        m.writer = fs_find_writer(st, layout.fields[i].field);
        if (!m.is_atomic && m.access == NULL && m.writer == NULL)
            continue;
        if (ecg_grow((void **)&members, &cap, n + 1, sizeof(*members)) != 0)
            goto out;
        members[n++] = m;
    }
    if (n >= 2)
        fs_judge_lines(rc, record, members, n);
out:
    free(members);
    rule_layout_fini(&layout);
}

static void fs_on_unit_end(struct rule_ctx *rc)
{
    const struct fs_state *st = rule_state(rc);

    if (rule_option_int(rc, "cache_line_size") <= 0)
        return;
    for (size_t i = 0; i < st->n_records; i++)
        fs_judge_record(rc, st->records[i]);
}

static const struct rule_option fs_options[] = {
    { "cache_line_size", RULE_OPT_INT, "64",
      "bytes per cache line (64 on x86-64 and most Arm cores; 128 on Apple M-series and some "
      "POWER)",
      NULL },
    { "atomic_call_prefixes", RULE_OPT_STRING, "__sync_",
      "comma-separated name prefixes: a call whose function name starts with one counts as an "
      "atomic access of the member its first argument points to (\"__sync_,ck_pr_\" for "
      "ConcurrencyKit)",
      NULL },
};

const struct rule_desc rule_lockfree_false_sharing = {
    .id = "lockfree-false-sharing",
    .title = "Members written by different threads share a cache line",
    .summary = "Flags struct members written by different threads that share one cache line.",
    .description = "Atomic members, members accessed with atomic builtins and members marked "
                   "with different ECG_WRITER names that lie on one cache line of the real "
                   "record layout make every write by one thread evict the line from the "
                   "cores of the others (false sharing). The message gives each member's "
                   "offset and cache line and a padding or _Alignas fix.",
    .tags = "lockfree,concurrency,performance",
    .precision = "medium",
    .level = ECG_LEVEL_WARNING,
    .options = fs_options,
    .n_options = sizeof(fs_options) / sizeof(fs_options[0]),
    .state_size = sizeof(struct fs_state),
    .kinds = { CXCursor_StructDecl, CXCursor_AnnotateAttr, CXCursor_UnexposedExpr,
               CXCursor_CallExpr },
    .on_cursor = fs_on_cursor,
    .on_unit_end = fs_on_unit_end,
    .state_fini = fs_state_fini,
};
