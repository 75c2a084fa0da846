/* lockfree-blocking-call: a function marked non-blocking (ECG_NONBLOCKING, the annotate
 * attribute, [[clang::nonblocking]]) that reaches, through the unit's call graph, allocation,
 * locks, I/O, sleeping, blocking system calls or an external function not marked non-blocking.
 * Known gaps: calls through function pointers the unit never visibly stores are not followed;
 * functions defined in other units are judged by their mark alone; code paths are not weighed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/grow.h"
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics_opcode.h"
#include "rules/support/callgraph.h"

#define BC_NAME 128
#define BC_MAX_STEPS 32 /* related locations per finding, the blocking call included */

/* Why a function blocks; BC_NONE when it does not (as far as the unit shows). */
enum bc_kind {
    BC_NONE,
    BC_ALLOC,
    BC_LOCK,
    BC_IO,
    BC_SLEEP,
    BC_SYSCALL,
    BC_LISTED,   /* named by the 'blocking' option */
    BC_EXTERNAL, /* declared only, and not marked non-blocking */
};

/* What the graph search does with a function. */
enum bc_verdict {
    BC_FINE,   /* cannot block, or marked (then it is checked where it is defined) */
    BC_FOLLOW, /* defined here: its calls decide */
    BC_BLOCKS,
};

struct bc_entry {
    const char *name;
    enum bc_kind kind;
};

static const struct bc_entry bc_blocking[] = {
    { "malloc", BC_ALLOC },
    { "calloc", BC_ALLOC },
    { "realloc", BC_ALLOC },
    { "reallocarray", BC_ALLOC },
    { "free", BC_ALLOC },
    { "aligned_alloc", BC_ALLOC },
    { "posix_memalign", BC_ALLOC },
    { "memalign", BC_ALLOC },
    { "valloc", BC_ALLOC },
    { "strdup", BC_ALLOC },
    { "strndup", BC_ALLOC },
    { "asprintf", BC_ALLOC },
    { "mmap", BC_ALLOC },
    { "munmap", BC_ALLOC },
    { "sbrk", BC_ALLOC },
    { "pthread_mutex_lock", BC_LOCK },
    { "pthread_mutex_timedlock", BC_LOCK },
    { "pthread_rwlock_rdlock", BC_LOCK },
    { "pthread_rwlock_wrlock", BC_LOCK },
    { "pthread_rwlock_timedrdlock", BC_LOCK },
    { "pthread_rwlock_timedwrlock", BC_LOCK },
    { "pthread_spin_lock", BC_LOCK },
    { "pthread_cond_wait", BC_LOCK },
    { "pthread_cond_timedwait", BC_LOCK },
    { "pthread_barrier_wait", BC_LOCK },
    { "pthread_join", BC_LOCK },
    { "pthread_once", BC_LOCK },
    { "sem_wait", BC_LOCK },
    { "sem_timedwait", BC_LOCK },
    { "mtx_lock", BC_LOCK },
    { "mtx_timedlock", BC_LOCK },
    { "cnd_wait", BC_LOCK },
    { "cnd_timedwait", BC_LOCK },
    { "thrd_join", BC_LOCK },
    { "call_once", BC_LOCK },
    { "flockfile", BC_LOCK },
    { "flock", BC_LOCK },
    { "lockf", BC_LOCK },
    { "read", BC_IO },
    { "write", BC_IO },
    { "pread", BC_IO },
    { "pwrite", BC_IO },
    { "readv", BC_IO },
    { "writev", BC_IO },
    { "open", BC_IO },
    { "openat", BC_IO },
    { "close", BC_IO },
    { "fsync", BC_IO },
    { "fdatasync", BC_IO },
    { "printf", BC_IO },
    { "fprintf", BC_IO },
    { "vprintf", BC_IO },
    { "vfprintf", BC_IO },
    { "dprintf", BC_IO },
    { "puts", BC_IO },
    { "fputs", BC_IO },
    { "putc", BC_IO },
    { "fputc", BC_IO },
    { "putchar", BC_IO },
    { "fwrite", BC_IO },
    { "fread", BC_IO },
    { "fgets", BC_IO },
    { "fgetc", BC_IO },
    { "getc", BC_IO },
    { "getchar", BC_IO },
    { "scanf", BC_IO },
    { "fscanf", BC_IO },
    { "fopen", BC_IO },
    { "fdopen", BC_IO },
    { "freopen", BC_IO },
    { "fclose", BC_IO },
    { "fflush", BC_IO },
    { "perror", BC_IO },
    { "syslog", BC_IO },
    { "send", BC_IO },
    { "recv", BC_IO },
    { "sendto", BC_IO },
    { "recvfrom", BC_IO },
    { "sendmsg", BC_IO },
    { "recvmsg", BC_IO },
    { "accept", BC_IO },
    { "connect", BC_IO },
    { "sleep", BC_SLEEP },
    { "usleep", BC_SLEEP },
    { "nanosleep", BC_SLEEP },
    { "clock_nanosleep", BC_SLEEP },
    { "thrd_sleep", BC_SLEEP },
    { "pause", BC_SLEEP },
    { "poll", BC_SYSCALL },
    { "ppoll", BC_SYSCALL },
    { "select", BC_SYSCALL },
    { "pselect", BC_SYSCALL },
    { "epoll_wait", BC_SYSCALL },
    { "wait", BC_SYSCALL },
    { "waitpid", BC_SYSCALL },
    { "sigwait", BC_SYSCALL },
    { "sigsuspend", BC_SYSCALL },
    { "syscall", BC_SYSCALL },
    { "ioctl", BC_SYSCALL },
    { "fork", BC_SYSCALL },
    { "system", BC_SYSCALL },
    { "msgrcv", BC_SYSCALL },
    { "msgsnd", BC_SYSCALL },
    { "getaddrinfo", BC_SYSCALL },
    { "gethostbyname", BC_SYSCALL },
    { "dlopen", BC_SYSCALL },
};

/* Library functions that neither block nor allocate; an unmarked external call to anything
 * else counts as blocking. abort and assert's handler end the process, which is allowed. */
static const char *const bc_safe[] = {
    "memcpy",
    "memmove",
    "memset",
    "memcmp",
    "memchr",
    "strlen",
    "strnlen",
    "strcmp",
    "strncmp",
    "strchr",
    "strrchr",
    "strstr",
    "strspn",
    "strcspn",
    "abs",
    "labs",
    "llabs",
    "div",
    "ldiv",
    "fabs",
    "fabsf",
    "sqrt",
    "sqrtf",
    "floor",
    "ceil",
    "round",
    "fmin",
    "fmax",
    "isalpha",
    "isdigit",
    "isspace",
    "isalnum",
    "toupper",
    "tolower",
    "abort",
    "ffs",
    "ffsl",
    "ffsll",
    "_Exit",
    "__assert_fail",
    "__assert",
    "__assert_rtn",
    "__errno_location",
    "pthread_self",
    "pthread_mutex_trylock",
    "pthread_spin_trylock",
    "sem_trywait",
    "sem_post",
    "mtx_trylock",
    "sched_getcpu",
    "pthread_mutex_unlock",
    "pthread_rwlock_unlock",
    "pthread_spin_unlock",
    "mtx_unlock",
    "pthread_cond_signal",
    "pthread_cond_broadcast",
    "cnd_signal",
    "cnd_broadcast",
};

static const char *const bc_builtin_prefixes[] = { "__builtin_", "__sync_", "__atomic_",
                                                   "__c11_atomic_" };

/* A file of the unit, and whether its text holds the word 'nonblocking' at all. */
struct bc_file {
    CXFile file;
    int has_word;
};

struct bc_state {
    CXCursor *roots; /* owned; marked definitions in the analysed files, walk order */
    size_t n_roots;
    size_t cap;
    struct bc_file *files; /* owned; the files whose text was searched, for bc_may_name */
    size_t n_files;
    size_t cap_files;
};

/* A search over the call graph from one call of a marked function. */
struct bc_search {
    struct rule_ctx *rc;
    const struct rule_callgraph *g;
    unsigned char *verdict; /* owned; per function: 0 unknown, else enum bc_verdict + 1 */
    size_t *via;            /* owned; per function: the call the search reached it by */
    size_t *queue;          /* owned */
};

static enum CXChildVisitResult bc_annotate_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    CXString s;
    const char *text;
    int *found = data;

    (void)parent;
    /* libclang gives a declaration's attributes before its other children (its parameters
     * and body), so the first other child ends the search */
    if (!clang_isAttribute(clang_getCursorKind(c)))
        return CXChildVisit_Break;
    if (clang_getCursorKind(c) != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    s = clang_getCursorSpelling(c);
    text = clang_getCString(s);
    if (text != NULL && strcmp(text, "ecg:nonblocking") == 0)
        *found = 1;
    clang_disposeString(s);
    return *found ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Nonzero when text[0..size) holds word. */
static int bc_text_has(const char *text, size_t size, const char *word)
{
    size_t len = strlen(word);

    for (const char *p = text; p != NULL && (size_t)(p - text) + len <= size; p++) {
        p = memchr(p, word[0], size - (size_t)(p - text));
        if (p != NULL && (size_t)(p - text) + len <= size && memcmp(p, word, len) == 0)
            return 1;
        if (p == NULL)
            return 0;
    }
    return 0;
}

/* Nonzero when the text of file may spell the attribute 'nonblocking': each file's text is
 * searched once per unit, so the tokens of a function's head are read only in files that
 * name it. The text comes through the operator reader's file memo: libclang before 17 searches
 * the unit's files for each text asked, and the operators of a function are in its file. When
 * memory runs out, every file may. */
static int bc_may_name(struct bc_state *st, struct rule_ctx *rc, CXFile file)
{
    const char *text;
    size_t size = 0;

    if (file == NULL)
        return 0;
    for (size_t i = 0; i < st->n_files; i++) {
        if (clang_File_isEqual(st->files[i].file, file))
            return st->files[i].has_word;
    }
    if (ecg_grow((void **)&st->files, &st->cap_files, st->n_files + 1, sizeof(*st->files)) != 0)
        return 1;
    text = rule_atomics_file_text(rc, file, &size);
    st->files[st->n_files].file = file;
    st->files[st->n_files].has_word = text == NULL || bc_text_has(text, size, "nonblocking");
    return st->files[st->n_files++].has_word;
}

static enum CXChildVisitResult bc_body_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_CompoundStmt)
        return CXChildVisit_Continue;
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
}

static int bc_token_is(CXTranslationUnit tu, CXToken token, const char *text)
{
    CXString s = clang_getTokenSpelling(tu, token);
    const char *spelling = clang_getCString(s);
    int same = spelling != NULL && strcmp(spelling, text) == 0;

    clang_disposeString(s);
    return same;
}

/* Nonzero when tokens[0..n) spell the attribute: 'nonblocking' after '::', '(' or ','. */
static int bc_tokens_name(CXTranslationUnit tu, const CXToken *tokens, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        if (clang_getTokenKind(tokens[i]) == CXToken_Identifier &&
            bc_token_is(tu, tokens[i], "nonblocking") &&
            (bc_token_is(tu, tokens[i - 1], "::") || bc_token_is(tu, tokens[i - 1], "(") ||
             bc_token_is(tu, tokens[i - 1], ",")))
            return 1;
    }
    return 0;
}

/* [[clang::nonblocking]] or __attribute__((nonblocking)) as written: libclang before 20 drops
 * the attribute it does not know, so the tokens of decl from the start of its first line to
 * its body (or its end) are read, when its file names the word at all. */
static int bc_written_nonblocking(struct bc_state *st, struct rule_ctx *rc, CXCursor decl)
{
    CXTranslationUnit tu = rule_unit(rc);
    CXSourceRange extent;
    CXSourceLocation end;
    CXCursor body = clang_getNullCursor();
    CXToken *tokens = NULL;
    unsigned n = 0;
    CXFile file = NULL;
    unsigned line;
    int found = 0;

    /* the head is written in the file of the name (an #include inside a declaration's head
     * aside), which costs less to find than the start of the extent */
    clang_getFileLocation(clang_getCursorLocation(decl), &file, NULL, NULL, NULL);
    if (!bc_may_name(st, rc, file))
        return 0;
    extent = clang_getCursorExtent(decl);
    end = clang_getRangeEnd(extent);
    clang_getSpellingLocation(clang_getRangeStart(extent), &file, &line, NULL, NULL);
    clang_visitChildren(decl, bc_body_visit, &body);
    if (!rule_atomics_null(body))
        end = clang_getRangeStart(clang_getCursorExtent(body));
    clang_tokenize(tu, clang_getRange(clang_getLocation(tu, file, line, 1), end), &tokens, &n);
    found = bc_tokens_name(tu, tokens, n);
    if (tokens != NULL)
        clang_disposeTokens(tu, tokens, n);
    return found;
}

/* Nonzero when decl, its definition or its first declaration is marked non-blocking. */
static int bc_marked(struct rule_ctx *rc, CXCursor decl)
{
    struct bc_state *st = rule_state(rc);
    CXCursor decls[3];
    int found = 0;

    decls[0] = decl;
    decls[1] = clang_getCursorDefinition(decl);
    decls[2] = clang_getCanonicalCursor(decl);
    for (size_t i = 0; i < 3 && !found; i++) {
        if (rule_atomics_null(decls[i]) || (i > 0 && clang_equalCursors(decls[i], decl)))
            continue;
        /* an annotation is one of the declaration's attributes: most have none, and asking
         * costs less than visiting its children */
        if (clang_Cursor_hasAttrs(decls[i]))
            clang_visitChildren(decls[i], bc_annotate_visit, &found);
        if (!found)
            found = bc_written_nonblocking(st, rc, decls[i]);
    }
    return found;
}

static enum bc_kind bc_table_kind(const char *name)
{
    for (size_t i = 0; i < sizeof(bc_blocking) / sizeof(bc_blocking[0]); i++) {
        if (strcmp(name, bc_blocking[i].name) == 0)
            return bc_blocking[i].kind;
    }
    return BC_NONE;
}

static int bc_known_safe(const char *name)
{
    for (size_t i = 0; i < sizeof(bc_builtin_prefixes) / sizeof(bc_builtin_prefixes[0]); i++) {
        if (strncmp(name, bc_builtin_prefixes[i], strlen(bc_builtin_prefixes[i])) == 0)
            return 1;
    }
    for (size_t i = 0; i < sizeof(bc_safe) / sizeof(bc_safe[0]); i++) {
        if (strcmp(name, bc_safe[i]) == 0)
            return 1;
    }
    return 0;
}

/* Why the function fn blocks, BC_NONE when it does not, or BC_NONE with *follow set when it
 * is defined here and its calls decide. */
static enum bc_kind bc_kind_of(int *follow, struct rule_ctx *rc, const struct rule_callgraph_fn *fn)
{
    char name[BC_NAME];
    enum bc_kind kind;

    *follow = 0;
    rule_cursor_name(fn->decl, name, sizeof(name));
    if (rule_option_list_has(rc, "allowed", name))
        return BC_NONE;
    if (rule_option_list_has(rc, "blocking", name))
        return BC_LISTED;
    kind = bc_table_kind(name);
    if (kind != BC_NONE || bc_known_safe(name) || bc_marked(rc, fn->decl))
        return kind;
    if (!rule_atomics_null(fn->def)) {
        *follow = 1;
        return BC_NONE;
    }
    return rule_option_bool(rc, "unmarked_external") ? BC_EXTERNAL : BC_NONE;
}

static enum bc_verdict bc_verdict_of(struct bc_search *s, size_t fn)
{
    int follow;
    enum bc_kind kind;

    if (s->verdict[fn] != 0)
        return (enum bc_verdict)(s->verdict[fn] - 1);
    kind = bc_kind_of(&follow, s->rc, &s->g->fns[fn]);
    if (kind != BC_NONE)
        s->verdict[fn] = BC_BLOCKS + 1;
    else
        s->verdict[fn] = (unsigned char)((follow ? BC_FOLLOW : BC_FINE) + 1);
    return (enum bc_verdict)(s->verdict[fn] - 1);
}

/* The functions call k may reach: its callee, or what the unit stores in the slot it calls
 * through. Stores the first in *out_first (an index of fns, or of binds when *out_slot). */
static size_t bc_targets(size_t *out_first, int *out_slot, const struct rule_callgraph *g, size_t k)
{
    const struct rule_callgraph_call *c = &g->calls[k];

    *out_slot = 0;
    if (c->callee != RULE_CALLGRAPH_NONE) {
        *out_first = c->callee;
        return 1;
    }
    if (c->slot == NULL)
        return 0;
    *out_slot = 1;
    return rule_callgraph_slot_binds(out_first, g, c->slot);
}

static size_t bc_target(const struct rule_callgraph *g, size_t first, int slot, size_t i)
{
    return slot ? g->binds[first + i].fn : first + i;
}

#define BC_START (RULE_CALLGRAPH_NONE - 1)

/* Breadth-first from the function start: the first call (*out_call) that reaches a blocking
 * function (*out_sink). s->via links each function reached back to the call that reached it.
 * Returns 1 when one is found. */
static int bc_search_from(size_t *out_call, size_t *out_sink, struct bc_search *s, size_t start)
{
    const struct rule_callgraph *g = s->g;
    size_t head = 0;
    size_t tail = 0;

    for (size_t f = 0; f < g->n_fns; f++)
        s->via[f] = RULE_CALLGRAPH_NONE;
    s->via[start] = BC_START;
    s->queue[tail++] = start;
    while (head < tail) {
        const struct rule_callgraph_fn *u = &g->fns[s->queue[head++]];
        for (size_t k = u->first_call; k < u->first_call + u->n_calls; k++) {
            size_t first;
            int slot;
            size_t n = bc_targets(&first, &slot, g, k);
            for (size_t i = 0; i < n; i++) {
                size_t v = bc_target(g, first, slot, i);
                enum bc_verdict verdict = bc_verdict_of(s, v);
                if (verdict == BC_BLOCKS) {
                    *out_call = k;
                    *out_sink = v;
                    return 1;
                }
                if (verdict == BC_FOLLOW && s->via[v] == RULE_CALLGRAPH_NONE) {
                    s->via[v] = k;
                    s->queue[tail++] = v;
                }
            }
        }
    }
    return 0;
}

/* One call on the path from the marked function to the blocking one. */
struct bc_step {
    size_t call;
    size_t target;
};

static const char *bc_what(enum bc_kind kind)
{
    switch (kind) {
    case BC_NONE:
        return "can block";
    case BC_ALLOC:
        return "allocates or frees memory";
    case BC_LOCK:
        return "can wait for a lock";
    case BC_IO:
        return "does I/O";
    case BC_SLEEP:
        return "sleeps";
    case BC_SYSCALL:
        return "makes a system call that can block";
    case BC_LISTED:
        return "is listed in the 'blocking' option";
    case BC_EXTERNAL:
        return "is defined elsewhere and not marked non-blocking";
    }
    return "can block";
}

static const char *bc_fix(enum bc_kind kind)
{
    switch (kind) {
    case BC_ALLOC:
        return "allocate up front (a pool filled before the non-blocking path runs)";
    case BC_LOCK:
        return "use a lock-free structure, or a try-lock that fails fast";
    case BC_IO:
        return "hand the data to another thread through a lock-free queue";
    case BC_SLEEP:
        return "return and let the caller retry instead of sleeping";
    case BC_EXTERNAL:
        return "mark its declaration ECG_NONBLOCKING if it cannot block, or list it in the "
               "'allowed' option";
    case BC_NONE:
    case BC_SYSCALL:
    case BC_LISTED:
        return "move the call out of the non-blocking path";
    }
    return "move the call out of the non-blocking path";
}

/* "a -> b -> c": the functions the path calls, in order, into buf. */
static void bc_chain_text(char *buf, size_t size, const struct bc_search *s,
                          const struct bc_step *path, size_t n)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++) {
        char name[BC_NAME];
        int w;
        rule_cursor_name(s->g->fns[path[i].target].decl, name, sizeof(name));
        w = snprintf(buf + len, size - len, "%s'%s'", i > 0 ? " -> " : "", name);
        if (w < 0)
            return;
        len += (size_t)w;
    }
}

/* "'a' calls 'b'" or, through a pointer, "'a' calls 'b' through 'cb'", into buf. */
static void bc_step_text(char *buf, size_t size, const struct bc_search *s,
                         const struct bc_step *step)
{
    const struct rule_callgraph_call *c = &s->g->calls[step->call];
    char caller[BC_NAME];
    char callee[BC_NAME];
    char slot[BC_NAME];

    rule_cursor_name(s->g->fns[c->caller].decl, caller, sizeof(caller));
    rule_cursor_name(s->g->fns[step->target].decl, callee, sizeof(callee));
    if (c->slot == NULL) {
        snprintf(buf, size, "'%s' calls '%s' here", caller, callee);
        return;
    }
    rule_cursor_name(clang_getCursorReferenced(c->call), slot, sizeof(slot));
    snprintf(buf, size, "'%s' calls '%s' through '%s' here", caller, callee, slot);
}

static void bc_add_steps(struct bc_search *s, struct ecg_finding *f, const struct bc_step *path,
                         size_t n, enum bc_kind kind)
{
    for (size_t i = 0; i < n; i++) {
        CXSourceRange at = clang_getCursorExtent(s->g->calls[path[i].call].call);
        char text[3 * BC_NAME + 32];
        if (i + 1 >= BC_MAX_STEPS && i + 1 < n)
            continue; /* a long chain shows its first calls and the blocking one */
        bc_step_text(text, sizeof(text), s, &path[i]);
        if (i + 1 < n)
            rule_add_related(s->rc, f, at, "%s", text);
        else
            rule_add_related(s->rc, f, at, "%s, which %s", text, bc_what(kind));
    }
}

static void bc_report(struct bc_search *s, CXCursor root, const struct bc_step *path, size_t n)
{
    char name[BC_NAME];
    char sink[BC_NAME];
    char chain[512];
    int follow;
    const struct rule_callgraph_fn *target = &s->g->fns[path[n - 1].target];
    enum bc_kind kind = bc_kind_of(&follow, s->rc, target);
    struct ecg_finding *f;

    rule_cursor_name(root, name, sizeof(name));
    rule_cursor_name(target->decl, sink, sizeof(sink));
    bc_chain_text(chain, sizeof(chain), s, path, n);
    f = rule_report(s->rc, s->g->calls[path[0].call].call,
                    "'%s' is marked non-blocking but reaches '%s' (%s), which %s; %s", name, sink,
                    chain, bc_what(kind), bc_fix(kind));
    if (f == NULL)
        return;
    rule_add_related(s->rc, f, clang_Cursor_getSpellingNameRange(root, 0, 0),
                     "'%s' is marked non-blocking here", name);
    bc_add_steps(s, f, path, n, kind);
}

/* The path from the marked function's call to the blocking call, out of s->via. */
static void bc_report_path(struct bc_search *s, CXCursor root, struct bc_step first, size_t call,
                           size_t sink)
{
    const struct rule_callgraph *g = s->g;
    struct bc_step *path = malloc((g->n_fns + 1) * sizeof(*path));
    size_t n = 0;
    size_t u = g->calls[call].caller;

    if (path == NULL)
        return;
    path[n++] = (struct bc_step){ call, sink };
    while (s->via[u] != BC_START && n < g->n_fns) {
        path[n++] = (struct bc_step){ s->via[u], u };
        u = g->calls[s->via[u]].caller;
    }
    path[n++] = first;
    for (size_t i = 0; i < n / 2; i++) {
        struct bc_step t = path[i];
        path[i] = path[n - 1 - i];
        path[n - 1 - i] = t;
    }
    bc_report(s, root, path, n);
    free(path);
}

/* Reports the call k of the marked function root when one of its targets can block. */
static void bc_check_call(struct bc_search *s, CXCursor root, size_t k)
{
    size_t first;
    int slot;
    size_t n = bc_targets(&first, &slot, s->g, k);

    for (size_t i = 0; i < n; i++) {
        struct bc_step step = { k, bc_target(s->g, first, slot, i) };
        enum bc_verdict verdict = bc_verdict_of(s, step.target);
        size_t call;
        size_t sink;
        if (verdict == BC_BLOCKS) {
            bc_report(s, root, &step, 1);
            return;
        }
        if (verdict == BC_FOLLOW && bc_search_from(&call, &sink, s, step.target)) {
            bc_report_path(s, root, step, call, sink);
            return;
        }
    }
}

static void bc_check_root(struct bc_search *s, CXCursor root)
{
    CXString usr = clang_getCursorUSR(root);
    const char *text = clang_getCString(usr);
    size_t fn = text != NULL ? rule_callgraph_find(s->g, text) : RULE_CALLGRAPH_NONE;
    const struct rule_callgraph_fn *def;

    clang_disposeString(usr);
    if (fn == RULE_CALLGRAPH_NONE)
        return;
    def = &s->g->fns[fn];
    for (size_t k = def->first_call; k < def->first_call + def->n_calls; k++)
        bc_check_call(s, root, k);
}

static void bc_on_unit_end(struct rule_ctx *rc)
{
    struct bc_state *st = rule_state(rc);
    struct rule_callgraph g;
    struct bc_search s = { rc, &g, NULL, NULL, NULL };

    if (st->n_roots == 0 || rule_callgraph_init(&g, rule_unit(rc)) != 0)
        return;
    s.verdict = calloc(g.n_fns + 1, 1);
    s.via = malloc((g.n_fns + 1) * sizeof(*s.via));
    s.queue = malloc((g.n_fns + 1) * sizeof(*s.queue));
    if (s.verdict == NULL || s.via == NULL || s.queue == NULL)
        goto out;
    for (size_t i = 0; i < st->n_roots; i++)
        bc_check_root(&s, st->roots[i]);
out:
    free(s.queue);
    free(s.via);
    free(s.verdict);
    rule_callgraph_fini(&g);
}

static void bc_on_function(struct rule_ctx *rc, CXCursor fn)
{
    struct bc_state *st = rule_state(rc);

    if (!bc_marked(rc, fn))
        return;
    if (ecg_grow((void **)&st->roots, &st->cap, st->n_roots + 1, sizeof(*st->roots)) != 0)
        return;
    st->roots[st->n_roots++] = fn;
}

static void bc_state_fini(void *state)
{
    struct bc_state *st = state;

    free(st->roots);
    free(st->files);
}

static const struct rule_option bc_options[] = {
    { "allowed", RULE_OPT_STRING_LIST, "",
      "functions that cannot block though the rule does not know them (a project's own "
      "lock-free helpers declared in other units)",
      NULL },
    { "blocking", RULE_OPT_STRING_LIST, "",
      "functions that block beyond the built-in list (a project's logging or allocation "
      "wrappers defined in other units)",
      NULL },
    { "unmarked_external", RULE_OPT_BOOL, "true",
      "count a call to a function declared but not defined in the unit, not marked "
      "non-blocking and not a known non-blocking library function, as blocking",
      NULL },
};

const struct rule_desc rule_lockfree_blocking_call = {
    .id = "lockfree-blocking-call",
    .title = "Blocking call in a non-blocking function",
    .summary = "Flags functions marked non-blocking that can reach allocation, locks, I/O, "
               "sleeping or unmarked external functions.",
    .description = "A function marked ECG_NONBLOCKING (annotate(\"ecg:nonblocking\")) or "
                   "[[clang::nonblocking]] promises never to wait: it runs on a real-time, "
                   "signal or lock-free path. The rule follows the unit's call graph, direct "
                   "calls and calls through function pointers the unit stores, and reports "
                   "each call that reaches malloc/free, a lock, I/O, sleep, a blocking system "
                   "call or an external function not marked non-blocking, with the call chain.",
    .tags = "lockfree,concurrency",
    .precision = "high",
    .cwe = { 1322 },
    .level = ECG_LEVEL_WARNING,
    .options = bc_options,
    .n_options = sizeof(bc_options) / sizeof(bc_options[0]),
    .state_size = sizeof(struct bc_state),
    .on_function_enter = bc_on_function,
    .on_unit_end = bc_on_unit_end,
    .state_fini = bc_state_fini,
};
