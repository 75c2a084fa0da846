/* security-toctou: a file checked by name and then used by name later in the same function,
 * where the file can be swapped in between (CWE-367): after access() any use, after stat()
 * a use that changes or runs the file (open for writing, chmod, rename, execve ...); and a
 * name made by tmpnam, tempnam or mktemp that open, fopen or creat then creates without
 * O_EXCL, so another process can create it first (CWE-377). Paths are compared by what they
 * name: the same variable, field or element, or the same string literal.
 * Known gaps: a path copied to another variable between check and use is not followed; the
 * check and the use must be in one function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/exprkey.h"
#include "rules/support/macro.h"
#include "rules/support/noreturn.h"
#include "rules/support/operator.h"

#define TT_KEY_MAX 512

/* A check seen earlier in the function being walked. */
/* What was done to a path earlier in the function. */
enum tt_seen {
    TT_STATUS,     /* stat() and its kin: a later use that changes the file counts */
    TT_PERMISSION, /* access() and its kin: any later use counts, reading too */
    TT_TEMP_NAME,  /* made by tmpnam & co: a later creation without O_EXCL counts */
};

struct tt_check {
    char *key; /* owned: rule_exprkey_get of the path */
    enum tt_seen seen;
    char name[24];
    CXSourceRange range;
    unsigned scope_begin, scope_end; /* file offsets the check can reach; 0, 0: the function */
};

/* Per translation unit; the list is emptied at each function. */
struct tt_state {
    struct tt_check *checks; /* owned */
    size_t n_checks;
    size_t cap_checks;
};

enum tt_create {
    TT_NO_CREATE, /* does not create files */
    TT_OPEN,      /* creates unless told not to; O_EXCL in the argument after the path */
    TT_FOPEN,     /* creates for "w"/"a"; a mode with 'x' is exclusive */
    TT_CREAT,     /* always creates, never exclusively */
};

struct tt_fn {
    const char *name;
    unsigned path_args; /* bit i: argument i is a path */
    enum tt_create create;
    int writes; /* changes the file (TT_OPEN, TT_FOPEN: decided by the flags or mode) */
};

/* Functions that look at a file by name without keeping it open. 'writes' marks the
 * permission checks (access and its kin), after which even reading counts: a set-user-ID
 * program that reads what access() allowed reads whatever the name points to by then. */
static const struct tt_fn tt_checks[] = {
    { "access", 1, TT_NO_CREATE, 1 },   { "euidaccess", 1, TT_NO_CREATE, 1 },
    { "eaccess", 1, TT_NO_CREATE, 1 },  { "faccessat", 2, TT_NO_CREATE, 1 },
    { "stat", 1, TT_NO_CREATE, 0 },     { "lstat", 1, TT_NO_CREATE, 0 },
    { "stat64", 1, TT_NO_CREATE, 0 },   { "lstat64", 1, TT_NO_CREATE, 0 },
    { "fstatat", 2, TT_NO_CREATE, 0 },  { "statx", 2, TT_NO_CREATE, 0 },
    { "statfs", 1, TT_NO_CREATE, 0 },   { "__xstat", 2, TT_NO_CREATE, 0 },
    { "__lxstat", 2, TT_NO_CREATE, 0 },
};

/* Functions that act on a file by name, following a symbolic link: what a checked name must
 * not reach. unlink, remove and rmdir act on the name itself and are not listed. */
static const struct tt_fn tt_uses[] = {
    { "open", 1, TT_OPEN, 0 },         { "open64", 1, TT_OPEN, 0 },
    { "openat", 2, TT_OPEN, 0 },       { "creat", 1, TT_CREAT, 1 },
    { "creat64", 1, TT_CREAT, 1 },     { "fopen", 1, TT_FOPEN, 0 },
    { "fopen64", 1, TT_FOPEN, 0 },     { "freopen", 1, TT_FOPEN, 0 },
    { "chmod", 1, TT_NO_CREATE, 1 },   { "chown", 1, TT_NO_CREATE, 1 },
    { "lchown", 1, TT_NO_CREATE, 1 },  { "truncate", 1, TT_NO_CREATE, 1 },
    { "rename", 3, TT_NO_CREATE, 1 },  { "link", 3, TT_NO_CREATE, 1 },
    { "symlink", 2, TT_NO_CREATE, 1 }, { "opendir", 1, TT_NO_CREATE, 0 },
    { "execve", 1, TT_NO_CREATE, 1 },  { "execv", 1, TT_NO_CREATE, 1 },
    { "execvp", 1, TT_NO_CREATE, 1 },  { "execl", 1, TT_NO_CREATE, 1 },
    { "execlp", 1, TT_NO_CREATE, 1 },  { "execle", 1, TT_NO_CREATE, 1 },
    { "utime", 1, TT_NO_CREATE, 1 },   { "utimes", 1, TT_NO_CREATE, 1 },
    { "chdir", 1, TT_NO_CREATE, 1 },   { "chroot", 1, TT_NO_CREATE, 1 },
    { "mkfifo", 1, TT_NO_CREATE, 1 },
};

/* Functions that make a temporary name, not a file (CWE-377); buffer_arg: 1 when the first
 * argument receives the name too. */
struct tt_temp {
    const char *name;
    int buffer_arg;
};

static const struct tt_temp tt_temps[] = {
    { "tmpnam", 1 },
    { "tmpnam_r", 1 },
    { "tempnam", 0 },
    { "mktemp", 1 },
};

static const struct tt_fn *find_fn(const struct tt_fn *table, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    }
    return NULL;
}

static void clear_checks(struct tt_state *st)
{
    for (size_t i = 0; i < st->n_checks; i++)
        free(st->checks[i].key);
    st->n_checks = 0;
}

static void tt_fini(void *state)
{
    struct tt_state *st = state;

    clear_checks(st);
    free(st->checks);
}

static void tt_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    (void)fn;
    clear_checks(rule_state(rc));
}

static unsigned offset_of(CXSourceLocation loc)
{
    unsigned offset;

    clang_getExpansionLocation(loc, NULL, NULL, NULL, &offset);
    return offset;
}

static enum CXChildVisitResult take_last(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Continue;
}

/* A statement after which control never reaches the next one: return, a call that does
 * not return, a block ending in one, an if/else both of whose branches are one. */
static int stmt_leaves(CXCursor stmt, int depth)
{
    enum CXCursorKind kind = clang_getCursorKind(stmt);
    CXCursor b[3]; /* an if's condition, then and else */
    CXCursor last = clang_getNullCursor();

    if (depth > 8)
        return 0;
    if (kind == CXCursor_ReturnStmt)
        return 1;
    if (kind == CXCursor_CompoundStmt) {
        clang_visitChildren(stmt, take_last, &last);
        return !clang_Cursor_isNull(last) && stmt_leaves(last, depth + 1);
    }
    if (kind != CXCursor_IfStmt)
        return rule_noreturn_stmt(stmt);
    return ecg_cursor_children(b, 3, stmt) == 3 && stmt_leaves(b[1], depth + 1) &&
           stmt_leaves(b[2], depth + 1);
}

/* The extent a check can reach: the innermost block around it that always leaves the
 * function ('if (fopen failed) { if (stat(path) == 0) ...; return -1; }'), or the whole
 * function (0, 0). */
static void check_scope(struct rule_ctx *rc, unsigned *out_begin, unsigned *out_end)
{
    *out_begin = 0;
    *out_end = 0;
    for (size_t up = 0; up < 256; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (clang_Cursor_isNull(a) || kind == CXCursor_FunctionDecl ||
            clang_getCursorKind(rule_ancestor(rc, up + 1)) == CXCursor_FunctionDecl)
            return;
        if (kind == CXCursor_CompoundStmt && stmt_leaves(a, 0)) {
            CXSourceRange r = clang_getCursorExtent(a);
            *out_begin = offset_of(clang_getRangeStart(r));
            *out_end = offset_of(clang_getRangeEnd(r));
            return;
        }
    }
}

/* Records a check of key; on memory exhaustion the check is dropped (a finding missed). */
static void add_check(struct rule_ctx *rc, const char *key, const char *name, CXCursor call,
                      enum tt_seen seen)
{
    struct tt_state *st = rule_state(rc);
    struct tt_check *c;
    char *copy;

    if (st->n_checks == st->cap_checks) {
        size_t cap = st->cap_checks != 0 ? st->cap_checks * 2 : 8;
        struct tt_check *grown = realloc(st->checks, cap * sizeof(*grown));
        if (grown == NULL)
            return;
        st->checks = grown;
        st->cap_checks = cap;
    }
    copy = strdup(key);
    if (copy == NULL)
        return;
    c = &st->checks[st->n_checks++];
    c->key = copy;
    c->seen = seen;
    snprintf(c->name, sizeof(c->name), "%s", name);
    c->range = clang_getCursorExtent(call);
    check_scope(rc, &c->scope_begin, &c->scope_end);
}

/* The latest check of key whose scope holds the use, or NULL. */
static const struct tt_check *find_check(const struct tt_state *st, const char *key, CXCursor use)
{
    unsigned at = offset_of(clang_getCursorLocation(use));

    for (size_t i = st->n_checks; i > 0; i--) {
        const struct tt_check *c = &st->checks[i - 1];
        int reaches = c->scope_end == 0 || (at >= c->scope_begin && at < c->scope_end);
        if (reaches && strcmp(c->key, key) == 0)
            return c;
    }
    return NULL;
}

/* Whether the call creates its file exclusively, failing when the name exists: open with
 * O_EXCL in its flags, fopen with 'x' in its mode. */
static int creates_exclusively(CXTranslationUnit tu, CXCursor call, const struct tt_fn *fn,
                               unsigned path_arg)
{
    char mode[16];
    CXCursor next;

    if ((unsigned)clang_Cursor_getNumArguments(call) <= path_arg + 1)
        return 0;
    next = clang_Cursor_getArgument(call, path_arg + 1);
    switch (fn->create) {
    case TT_OPEN:
        return rule_macro_written_contains(tu, next, "O_EXCL");
    case TT_FOPEN:
        return rule_expr_string_value(next, mode, sizeof(mode)) && strchr(mode, 'x') != NULL;
    case TT_NO_CREATE:
    case TT_CREAT:
        return 0;
    }
    return 0;
}

/* Whether the call may change the file: open without O_RDONLY-only flags, fopen with 'w',
 * 'a' or '+' in its mode, and every listed function that is not a read. Flags or modes
 * that are not written out count as writing. */
static int uses_for_writing(CXTranslationUnit tu, CXCursor call, const struct tt_fn *fn,
                            unsigned path_arg)
{
    static const char *const write_flags[] = { "O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC",
                                               "O_APPEND" };
    char mode[16];
    CXCursor next;
    int write = 0;

    if (fn->create != TT_OPEN && fn->create != TT_FOPEN)
        return fn->writes;
    if ((unsigned)clang_Cursor_getNumArguments(call) <= path_arg + 1)
        return 1;
    next = clang_Cursor_getArgument(call, path_arg + 1);
    if (fn->create == TT_FOPEN)
        return !rule_expr_string_value(next, mode, sizeof(mode)) || strpbrk(mode, "wa+") != NULL;
    for (size_t i = 0; i < sizeof(write_flags) / sizeof(write_flags[0]) && !write; i++)
        write = rule_macro_written_contains(tu, next, write_flags[i]);
    return write || !rule_macro_written_contains(tu, next, "O_RDONLY");
}

static void report_temp_use(struct rule_ctx *rc, CXCursor call, const struct tt_fn *fn,
                            const struct tt_check *c)
{
    struct ecg_finding *f;

    f = rule_report(rc, call,
                    "'%s' creates the file named by '%s' without failing when it exists: another "
                    "process can create that name first (CWE-377); use mkstemp(), mkdtemp() or "
                    "tmpfile(), or create it with O_CREAT|O_EXCL",
                    fn->name, c->name);
    rule_add_related(rc, f, c->range, "the name is made here by '%s'", c->name);
}

static void check_use(struct rule_ctx *rc, CXCursor call, const struct tt_fn *fn, unsigned arg,
                      const char *key)
{
    const struct tt_check *c = find_check(rule_state(rc), key, call);
    struct ecg_finding *f;

    if (c == NULL || creates_exclusively(rule_unit(rc), call, fn, arg))
        return;
    if (c->seen == TT_TEMP_NAME) {
        if (fn->create != TT_NO_CREATE)
            report_temp_use(rc, call, fn, c);
        return;
    }
    if (c->seen == TT_STATUS && !uses_for_writing(rule_unit(rc), call, fn, arg))
        return;
    f = rule_report(rc, call,
                    "'%s' uses a path that '%s' checked earlier; the file can be replaced in "
                    "between (TOCTOU, CWE-367): open it once and check the descriptor with "
                    "fstat, or create it with O_CREAT|O_EXCL",
                    fn->name, c->name);
    rule_add_related(rc, f, c->range, "the path is checked here with '%s'", c->name);
}

/* Records the checks and judges the uses among the path arguments of one call. */
static void scan_paths(struct rule_ctx *rc, CXCursor call, const struct tt_fn *fn, int is_check)
{
    int n = clang_Cursor_getNumArguments(call);
    char key[TT_KEY_MAX];

    for (int i = 0; i < n && i < 8; i++) {
        if ((fn->path_args & (1u << i)) == 0 ||
            !rule_exprkey_get(key, sizeof(key), rule_unit(rc), clang_Cursor_getArgument(call, i)))
            continue;
        if (is_check)
            add_check(rc, key, fn->name, call, fn->writes ? TT_PERMISSION : TT_STATUS);
        else
            check_use(rc, call, fn, (unsigned)i, key);
    }
}

/* The variable a call's result is stored in ('name = tmpnam(NULL)', 'char *n = tempnam(..)'),
 * through casts; 0 when it is not stored in a variable. */
/* The key of what a destination stores a value in: the variable a declaration initializes,
 * or the left side of '=' when the value is its right side. */
static int destination_key(struct rule_ctx *rc, char *out, size_t size, CXCursor dest,
                           CXCursor below)
{
    CXCursor lhs;
    CXString usr;

    if (clang_getCursorKind(dest) == CXCursor_VarDecl) {
        usr = clang_getCursorUSR(dest);
        snprintf(out, size, "%s", clang_getCString(usr));
        clang_disposeString(usr);
        return out[0] != '\0';
    }
    if (clang_getCursorKind(dest) != CXCursor_BinaryOperator)
        return 0;
    lhs = rule_expr_first_child(dest);
    if (clang_equalRanges(clang_getCursorExtent(lhs), clang_getCursorExtent(below)))
        return 0;
    return rule_operator_is(rule_unit(rc), dest, "=") &&
           rule_exprkey_get(out, size, rule_unit(rc), lhs);
}

static int result_key(struct rule_ctx *rc, char *out, size_t size, CXCursor call)
{
    CXCursor below = call;

    for (size_t up = 0; up < 8; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (clang_Cursor_isNull(a))
            return 0;
        if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
            kind != CXCursor_CStyleCastExpr)
            return destination_key(rc, out, size, a, below);
        below = a;
    }
    return 0;
}

/* Remembers the name a temporary-name function made: in its buffer argument and in the
 * variable its result goes to. */
static void record_temp_name(struct rule_ctx *rc, CXCursor call, const struct tt_temp *t)
{
    char key[TT_KEY_MAX];
    CXCursor buf;

    if (t->buffer_arg && clang_Cursor_getNumArguments(call) > 0) {
        buf = clang_Cursor_getArgument(call, 0);
        if (!clang_Cursor_isNull(rule_exprkey_named(buf)) &&
            rule_exprkey_get(key, sizeof(key), rule_unit(rc), buf))
            add_check(rc, key, t->name, call, TT_TEMP_NAME);
    }
    if (result_key(rc, key, sizeof(key), call))
        add_check(rc, key, t->name, call, TT_TEMP_NAME);
}

static void tt_on_call(struct rule_ctx *rc, CXCursor call)
{
    char name[32];
    const struct tt_fn *fn;

    rule_callee_name(call, name, sizeof(name));
    if (name[0] == '\0' || clang_Cursor_isNull(rule_function(rc)))
        return;
    for (size_t i = 0; i < sizeof(tt_temps) / sizeof(tt_temps[0]); i++) {
        if (strcmp(name, tt_temps[i].name) == 0) {
            record_temp_name(rc, call, &tt_temps[i]);
            return;
        }
    }
    fn = find_fn(tt_checks, sizeof(tt_checks) / sizeof(tt_checks[0]), name);
    if (fn != NULL) {
        scan_paths(rc, call, fn, 1);
        return;
    }
    fn = find_fn(tt_uses, sizeof(tt_uses) / sizeof(tt_uses[0]), name);
    if (fn != NULL)
        scan_paths(rc, call, fn, 0);
}

const struct rule_desc rule_security_toctou = {
    .id = "security-toctou",
    .title = "File checked by name, then used by name",
    .summary = "Flags a path checked with access/stat and then opened or changed by name, and "
               "temporary names from tmpnam, tempnam or mktemp.",
    .description = "Between access(path) or stat(path) and open(path), another process can "
                   "replace the file, for instance with a symbolic link to a file the program "
                   "may write but the attacker may not (CWE-367). tmpnam, tempnam and mktemp "
                   "return a name that another process can create first (CWE-377). Open the "
                   "file once and check the descriptor with fstat, create files with "
                   "O_CREAT|O_EXCL, and make temporary files with mkstemp, mkdtemp or tmpfile.",
    .tags = "security",
    .precision = "high",
    .security_severity = "6.3",
    .cwe = { 367, 377 },
    .level = ECG_LEVEL_WARNING,
    .state_size = sizeof(struct tt_state),
    .state_fini = tt_fini,
    .kinds = { CXCursor_CallExpr },
    .on_cursor = tt_on_call,
    .on_function_enter = tt_on_function_enter,
};
