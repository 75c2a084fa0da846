/* security-path-traversal: untrusted data (the taint engine's path flows) that names the file
 * fopen, open, unlink, rename, mkdir ... act on (CWE-22): a name appended to a base directory
 * can climb out of it with '../' (CWE-23), a name used whole can be any absolute path (CWE-36).
 * Silent after a check for "..", for '/', a realpath() then prefix comparison, a basename(),
 * an allow-list strcmp or a configured validator. Known gaps: a check is recognised by its
 * call, not by which way its outcome goes; realpath(p, NULL) ends the flow. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/grow.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/strorigin.h"

#define PT_NAME_MAX 64
#define PT_REPORTED_MAX 256
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* What a check found on the way to a sink rules out. */
enum pt_check {
    PT_DOTDOT, /* strstr(name, "..") */
    PT_SLASH,  /* strchr(name, '/'), strpbrk(name, "/\\"), strcspn(name, "/") */
    PT_PREFIX, /* strncmp(resolved, base, n) after a realpath() in the same function */
    PT_BASE,   /* name = basename(...) */
};

/* A check seen in a function of the unit: it covers the flows that carry var and reach a
 * later step of that function. */
struct pt_guard {
    CXFile file;
    unsigned offset;
    enum pt_check check;
    char var[PT_NAME_MAX];
};

/* The extent of a function definition, to place a flow's steps. */
struct pt_fn {
    CXFile file;
    unsigned begin, end;
};

struct pt_state {
    struct pt_guard *guards; /* owned */
    size_t n_guards, cap_guards;
    struct pt_fn *fns; /* owned */
    size_t n_fns, cap_fns;
    unsigned realpath_at; /* offset + 1 of the current function's first realpath(); 0: none */
    CXCursor reported[PT_REPORTED_MAX];
    size_t n_reported;
    int oom;
};

static void pt_fini(void *state)
{
    struct pt_state *st = state;

    free(st->guards);
    free(st->fns);
}

static unsigned pt_offset(CXSourceLocation loc, CXFile *file)
{
    unsigned offset = 0;

    clang_getExpansionLocation(loc, file, NULL, NULL, &offset);
    return offset;
}

/* ---- recognising checks, during the walk -------------------------------------------------- */

static int pt_name_in(const char *name, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(name, names[i]) == 0)
            return 1;
    }
    return 0;
}

static enum CXChildVisitResult pt_last_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Continue;
}

/* The variable or field an expression names, through casts and parentheses, into buf. */
static int pt_var_name(CXCursor expr, char *buf, size_t size)
{
    CXCursor e = rule_expr_strip(expr);

    for (int depth = 0; depth < 4 && clang_getCursorKind(e) == CXCursor_CStyleCastExpr; depth++) {
        CXCursor operand = clang_getNullCursor();
        clang_visitChildren(e, pt_last_visit, &operand); /* the type, then the operand */
        e = rule_expr_strip(operand);
    }
    buf[0] = '\0';
    if (clang_getCursorKind(e) == CXCursor_DeclRefExpr ||
        clang_getCursorKind(e) == CXCursor_MemberRefExpr)
        rule_cursor_name(e, buf, size);
    return buf[0] != '\0';
}

/* A character literal, or a one-character string literal, holding '/'. */
static int pt_is_slash(CXCursor arg)
{
    CXCursor e = rule_expr_strip(arg);
    char text[16];
    CXEvalResult r;
    int slash = 0;

    if (rule_expr_string_value(e, text, sizeof(text)))
        return strchr(text, '/') != NULL;
    if (clang_getCursorKind(e) != CXCursor_CharacterLiteral &&
        clang_getCursorKind(e) != CXCursor_IntegerLiteral)
        return 0;
    r = clang_Cursor_Evaluate(e);
    if (r == NULL)
        return 0;
    slash = clang_EvalResult_getKind(r) == CXEval_Int && clang_EvalResult_getAsInt(r) == '/';
    clang_EvalResult_dispose(r);
    return slash;
}

static int pt_is_dotdot(CXCursor arg)
{
    char text[16];

    return rule_expr_string_value(arg, text, sizeof(text)) && strstr(text, "..") != NULL;
}

/* Which check a call is, and which of its arguments it checks; -1 when none. */
static int pt_check_of(const struct pt_state *st, CXCursor call, const char *name,
                       enum pt_check *check)
{
    static const char *const finds[] = { "strstr", "strcasestr" };
    static const char *const chars[] = { "strchr", "strrchr", "index",  "rindex",
                                         "memchr", "strpbrk", "strcspn" };
    static const char *const prefixes[] = { "strncmp", "strncasecmp", "memcmp" };

    if (clang_Cursor_getNumArguments(call) < 2)
        return -1;
    if (pt_name_in(name, finds, ARRAY_LEN(finds)) &&
        pt_is_dotdot(clang_Cursor_getArgument(call, 1))) {
        *check = PT_DOTDOT;
        return 0;
    }
    if (pt_name_in(name, chars, ARRAY_LEN(chars)) &&
        pt_is_slash(clang_Cursor_getArgument(call, 1))) {
        *check = PT_SLASH;
        return 0;
    }
    if (st->realpath_at != 0 && pt_name_in(name, prefixes, ARRAY_LEN(prefixes))) {
        *check = PT_PREFIX;
        return 0;
    }
    return -1;
}

static void pt_add_guard(struct pt_state *st, CXCursor at, enum pt_check check, const char *var)
{
    struct pt_guard *g;

    if (ecg_grow((void **)&st->guards, &st->cap_guards, st->n_guards + 1, sizeof(*st->guards)) !=
        0) {
        st->oom = 1;
        return;
    }
    g = &st->guards[st->n_guards++];
    g->offset = pt_offset(clang_getCursorLocation(at), &g->file);
    g->check = check;
    memcpy(g->var, var, strlen(var) + 1);
}

/* name = basename(path) or T name = basename(path): name holds no directory. */
static void pt_on_basename(struct rule_ctx *rc, struct pt_state *st, CXCursor call)
{
    char var[PT_NAME_MAX] = "";

    for (size_t up = 0; up < 4 && var[0] == '\0'; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_VarDecl)
            rule_cursor_name(a, var, sizeof(var));
        else if (kind == CXCursor_BinaryOperator)
            pt_var_name(rule_expr_first_child(a), var, sizeof(var));
        else if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr &&
                 kind != CXCursor_CStyleCastExpr)
            break;
    }
    if (var[0] != '\0')
        pt_add_guard(st, call, PT_BASE, var);
}

/* realpath() and basename() calls: what later checks and assignments mean. Returns nonzero
 * when the call was one of them. */
static int pt_on_resolver(struct rule_ctx *rc, struct pt_state *st, CXCursor call, const char *name)
{
    static const char *const resolvers[] = { "realpath", "canonicalize_file_name" };
    static const char *const basenames[] = { "basename", "__xpg_basename" };
    CXFile file;

    if (pt_name_in(name, resolvers, ARRAY_LEN(resolvers))) {
        if (st->realpath_at == 0)
            st->realpath_at = pt_offset(clang_getCursorLocation(call), &file) + 1;
        return 1;
    }
    if (pt_name_in(name, basenames, ARRAY_LEN(basenames))) {
        pt_on_basename(rc, st, call);
        return 1;
    }
    return 0;
}

static void pt_on_call(struct rule_ctx *rc, CXCursor call)
{
    struct pt_state *st = rule_state(rc);
    char name[PT_NAME_MAX], var[PT_NAME_MAX];
    enum pt_check check;
    int arg;

    if (st->oom || clang_Cursor_isNull(rule_function(rc)))
        return;
    rule_callee_name(call, name, sizeof(name));
    if (pt_on_resolver(rc, st, call, name))
        return;
    arg = pt_check_of(st, call, name, &check);
    /* a check whose result is thrown away decides nothing */
    if (arg < 0 || clang_getCursorKind(rule_ancestor(rc, 0)) == CXCursor_CompoundStmt)
        return;
    for (unsigned k = 0; k < (check == PT_PREFIX ? 2u : 1u); k++) {
        if (pt_var_name(clang_Cursor_getArgument(call, (unsigned)arg + k), var, sizeof(var)))
            pt_add_guard(st, call, check, var);
    }
}

static void pt_on_function_enter(struct rule_ctx *rc, CXCursor fn)
{
    struct pt_state *st = rule_state(rc);
    CXSourceRange extent = clang_getCursorExtent(fn);
    CXFile end_file;
    struct pt_fn *f;

    st->realpath_at = 0;
    if (st->oom)
        return;
    if (ecg_grow((void **)&st->fns, &st->cap_fns, st->n_fns + 1, sizeof(*st->fns)) != 0) {
        st->oom = 1;
        return;
    }
    f = &st->fns[st->n_fns++];
    f->begin = pt_offset(clang_getRangeStart(extent), &f->file);
    f->end = pt_offset(clang_getRangeEnd(extent), &end_file);
}

/* ---- judging the flows, at the end of the unit -------------------------------------------- */

static int pt_ident_char(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Nonzero when word occurs in text as a whole identifier. */
static int pt_mentions(const char *text, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word)) {
        if ((p == text || !pt_ident_char(p[-1])) && !pt_ident_char(p[n]))
            return 1;
    }
    return 0;
}

/* The function of the unit whose extent holds the place, or NULL. */
static const struct pt_fn *pt_fn_at(const struct pt_state *st, CXFile file, unsigned offset)
{
    for (size_t i = 0; i < st->n_fns; i++) {
        const struct pt_fn *f = &st->fns[i];
        if (clang_File_isEqual(f->file, file) && f->begin <= offset && offset <= f->end)
            return f;
    }
    return NULL;
}

/* Nonzero when the step lies after guard g within g's function home. */
static int pt_step_after(const struct ecg_taint_step *step, const struct pt_guard *g,
                         const struct pt_fn *home)
{
    CXFile file;
    unsigned offset;

    if (clang_Range_isNull(step->range))
        return 0;
    offset = pt_offset(clang_getRangeStart(step->range), &file);
    return file != NULL && clang_File_isEqual(file, g->file) && offset > g->offset &&
           offset <= home->end;
}

/* Nonzero when guard g lies before a step of the flow in its own function and the flow's
 * data passes through the variable it checks. */
static int pt_guard_covers(const struct pt_state *st, const struct pt_guard *g,
                           const struct ecg_taint_flow *flow)
{
    const struct pt_fn *home = pt_fn_at(st, g->file, g->offset);
    int later = 0, carried = 0;

    for (size_t s = 0; home != NULL && s < flow->n_steps; s++) {
        const struct ecg_taint_step *step = &flow->steps[s];
        if (step->text != NULL && pt_mentions(step->text, g->var))
            carried = 1;
        if (pt_step_after(step, g, home))
            later = 1;
    }
    return later && carried;
}

static int pt_guarded(const struct pt_state *st, const struct ecg_taint_flow *flow)
{
    CXCursor arg = clang_Cursor_getArgument(flow->sink, flow->arg);
    char name[PT_NAME_MAX];

    rule_callee_name(rule_expr_strip(arg), name, sizeof(name));
    if (clang_getCursorKind(rule_expr_strip(arg)) == CXCursor_CallExpr &&
        (strcmp(name, "basename") == 0 || strcmp(name, "__xpg_basename") == 0))
        return 1;
    for (size_t i = 0; i < st->n_guards; i++) {
        if (pt_guard_covers(st, &st->guards[i], flow))
            return 1;
    }
    return 0;
}

/* The first string literal among the tokens of range, unquoted, into buf. */
static int pt_first_literal(CXTranslationUnit tu, CXSourceRange range, char *buf, size_t size)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    int found = 0;

    clang_tokenize(tu, range, &toks, &n);
    for (unsigned i = 0; i < n && i < 16 && !found; i++) {
        CXString s;
        const char *text;
        size_t len;
        if (clang_getTokenKind(toks[i]) != CXToken_Literal)
            continue;
        s = clang_getTokenSpelling(tu, toks[i]);
        text = clang_getCString(s);
        len = strlen(text);
        if (len >= 2 && text[0] == '"' && text[len - 1] == '"' && len - 2 < size) {
            memcpy(buf, text + 1, len - 2);
            buf[len - 2] = '\0';
            found = 1;
        }
        clang_disposeString(s);
    }
    clang_disposeTokens(tu, toks, n);
    return found;
}

/* An environment variable a web server fills from the request (CGI): the option lists
 * names, a trailing '*' a prefix. */
static int pt_request_variable(const struct rule_ctx *rc, const struct ecg_taint_flow *flow)
{
    char var[PT_NAME_MAX], prefix[PT_NAME_MAX + 2];
    size_t len;

    if (flow->n_steps == 0 || clang_Range_isNull(flow->steps[0].range) ||
        !pt_first_literal(rule_unit(rc), flow->steps[0].range, var, sizeof(var)))
        return 0;
    if (rule_option_list_has(rc, "request_variables", var))
        return 1;
    for (len = strlen(var); len > 0; len--) {
        memcpy(prefix, var, len);
        prefix[len] = '*';
        prefix[len + 1] = '\0';
        if (rule_option_list_has(rc, "request_variables", prefix))
            return 1;
    }
    return 0;
}

static int pt_source_counts(const struct rule_ctx *rc, const struct ecg_taint_flow *flow)
{
    if (flow->source == ECG_TAINT_FROM_RANDOM)
        return 0;
    if (rule_option_list_has(rc, "sources", ecg_taint_source_name(flow->source)))
        return 1;
    return flow->source == ECG_TAINT_FROM_ENV && pt_request_variable(rc, flow);
}

/* Nonzero the first time a sink is seen (one finding per call, whatever flows reach it). */
static int pt_first_report(struct pt_state *st, CXCursor sink)
{
    for (size_t i = 0; i < st->n_reported; i++) {
        if (clang_equalCursors(st->reported[i], sink))
            return 0;
    }
    if (st->n_reported < PT_REPORTED_MAX)
        st->reported[st->n_reported++] = sink;
    return 1;
}

/* Nonzero when the tokens of range hold name followed by '+': a read into the middle of a
 * buffer, after what it already holds. */
static int pt_tokens_offset(CXTranslationUnit tu, CXSourceRange range, const char *name)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    int found = 0;

    clang_tokenize(tu, range, &toks, &n);
    for (unsigned i = 0; i + 1 < n && i < 64 && !found; i++) {
        CXString a = clang_getTokenSpelling(tu, toks[i]);
        CXString b = clang_getTokenSpelling(tu, toks[i + 1]);
        found = strcmp(clang_getCString(a), name) == 0 && strcmp(clang_getCString(b), "+") == 0;
        clang_disposeString(a);
        clang_disposeString(b);
    }
    clang_disposeTokens(tu, toks, n);
    return found;
}

/* Nonzero when the source step reads into a buffer past its start ("into 'data'" with the
 * call written recv(s, data + len, ...)). */
static int pt_source_appends(const struct rule_ctx *rc, const struct ecg_taint_step *step)
{
    const char *into = step->text != NULL ? strstr(step->text, " into '") : NULL;
    const char *close;
    char name[PT_NAME_MAX];

    if (into == NULL)
        return 0;
    into += 7;
    close = strchr(into, '\'');
    if (close == NULL || (size_t)(close - into) >= sizeof(name))
        return 0;
    memcpy(name, into, (size_t)(close - into));
    name[close - into] = '\0';
    if (strstr(name, " + ") != NULL)
        return 1;
    return !clang_Range_isNull(step->range) && pt_tokens_offset(rule_unit(rc), step->range, name);
}

/* Nonzero when the data was appended to other text (a base directory) on its way: read
 * into the middle of a buffer, formatted, or concatenated. */
static int pt_appended(const struct rule_ctx *rc, const struct ecg_taint_flow *flow)
{
    return (flow->n_steps > 0 && pt_source_appends(rc, &flow->steps[0])) ||
           rule_strorigin_flow_spliced(flow);
}

static void pt_report(struct rule_ctx *rc, const struct ecg_taint_flow *flow)
{
    const char *from = ecg_taint_source_phrase(flow->source);
    struct ecg_finding *f;

    if (pt_appended(rc, flow))
        f = rule_report(rc, flow->sink,
                        "'%s' uses a path built from a name from %s: a '../' in the name "
                        "leaves the directory it is appended to (relative path traversal, "
                        "CWE-23); reject names holding '/' or '..', or resolve the path with "
                        "realpath() and check that it starts with the base directory",
                        flow->sink_name, from);
    else
        f = rule_report(rc, flow->sink,
                        "'%s' uses a path taken whole from %s: it can name any file on the "
                        "system (absolute path traversal, CWE-36); accept only names from an "
                        "allow-list, or join a name free of '/' and '..' to a fixed directory",
                        flow->sink_name, from);
    rule_add_flow_steps(rc, f, flow);
}

static void pt_on_unit_end(struct rule_ctx *rc)
{
    const struct ecg_taint_flows *flows = rule_taint_flows(rc);
    struct pt_state *st = rule_state(rc);

    for (size_t i = 0; flows != NULL && !st->oom && i < flows->len; i++) {
        const struct ecg_taint_flow *flow = &flows->items[i];
        if (flow->category != ECG_TAINT_PATH || !pt_source_counts(rc, flow) ||
            !rule_location_analyzed(rc, clang_getCursorLocation(flow->sink)) ||
            pt_guarded(st, flow) || !pt_first_report(st, flow->sink))
            continue;
        pt_report(rc, flow);
    }
}

static const struct rule_option pt_options[] = {
    { "sources", RULE_OPT_STRING_LIST, "fd,network,user",
      "kinds of untrusted data reported (argv, environment, stdin, file, fd, network, user): "
      "the command line, the environment, standard input and files are, in most programs, "
      "the invoking user's own, left out by default",
      NULL },
    { "request_variables", RULE_OPT_STRING_LIST,
      "QUERY_STRING,PATH_INFO,PATH_TRANSLATED,REQUEST_URI,SCRIPT_NAME,DOCUMENT_URI,HTTP_*,"
      "CONTENT_TYPE",
      "environment variables a web server fills from the request (CGI): reported even when "
      "'environment' is not among the sources; a trailing '*' matches a prefix",
      NULL },
};

const struct rule_desc rule_security_path_traversal = {
    .id = "security-path-traversal",
    .title = "Path traversal",
    .summary = "Flags untrusted data that names the file a program opens, creates, renames or "
               "removes.",
    .description = "A file name that comes from the network, standard input, a file or a web "
                   "request and reaches fopen(), open(), unlink(), rename(), mkdir() and the "
                   "like lets whoever sent it reach files outside the directory the program "
                   "means to serve: '../' climbs out of a base directory (CWE-23), an absolute "
                   "path names any file (CWE-36). Accept names from an allow-list, reject '/' "
                   "and '..', or resolve the path with realpath() and check its prefix.",
    .tags = "security",
    .precision = "high",
    .security_severity = "7.5",
    .cwe = { 22, 23, 36 },
    .level = ECG_LEVEL_WARNING,
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_PATH),
    .options = pt_options,
    .n_options = ARRAY_LEN(pt_options),
    .state_size = sizeof(struct pt_state),
    .kinds = { CXCursor_CallExpr },
    .on_cursor = pt_on_call,
    .on_function_enter = pt_on_function_enter,
    .on_unit_end = pt_on_unit_end,
    .state_fini = pt_fini,
};
