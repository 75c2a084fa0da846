/* Internals of the string-origin tracker shared by its two files: strorigin.c records a
 * function's events into variables, unions and edges; strorigin_eval.c tells what an
 * expression's text is made of and what C library functions do with text. */
#ifndef ECG_RULES_SUPPORT_STRORIGIN_INT_H
#define ECG_RULES_SUPPORT_STRORIGIN_INT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "rules/support/strorigin.h"

#define RULE_STRORIGIN_MAX_REFS 4   /* variables one expression is tracked through */
#define RULE_STRORIGIN_MAX_DEPTH 16 /* nested expressions looked through */
#define RULE_STRORIGIN_NONE ((size_t)-1)
#define RULE_STRORIGIN_OUT_PARAMS 8 /* parameters a summary describes the stores through */

/* What a function of the unit does with text, for the calls of it recorded later. */
struct rule_strorigin_summary {
    CXCursor fn; /* canonical declaration */
    unsigned hash;
    int used;           /* the slot holds a summary */
    int ret_param;      /* its result points into (or copies) this parameter's text; -1 */
    unsigned ret_flags; /* and holds text of these origins (PARAM excluded) */
    CXCursor ret_where;
    unsigned out_flags[RULE_STRORIGIN_OUT_PARAMS]; /* what it stores through parameter k */
    CXCursor out_where[RULE_STRORIGIN_OUT_PARAMS];
    char source[32]; /* TAINT: the input function */
};

struct rule_strorigin_var {
    CXCursor decl;
    unsigned hash;
    size_t parent; /* union-find */
    unsigned flags;
    CXCursor where[RULE_STRORIGIN_NFLAGS];
    char source[32];
    int param;
    unsigned params;        /* with PARAM: bit k, the text of parameter k (k < 32) */
    unsigned escape_offset; /* where a function not known may first write it; UINT_MAX: none */
    CXCursor escape_at;     /* that call */
};

enum rule_strorigin_how {
    RULE_STRORIGIN_COPY,   /* dst's text gets src's text */
    RULE_STRORIGIN_APPEND, /* src's text is formatted or appended into dst */
    RULE_STRORIGIN_QUOTE,  /* src's text is added to dst with SQL quoting */
    RULE_STRORIGIN_SPLICE, /* src's text is formatted between quotes: a value in a literal */
    RULE_STRORIGIN_ALIAS,  /* (values only) points into src's buffer: a definition joins the two */
};

struct rule_strorigin_edge {
    size_t dst;
    size_t src;
    enum rule_strorigin_how kind;
    CXCursor at;
};

struct rule_strorigin {
    CXTranslationUnit tu;
    CXCursor fn; /* the function being recorded */
    int is_main;
    CXCursor *returns; /* owned; its return statements */
    size_t n_returns;
    size_t cap_returns;
    struct rule_strorigin_summary *sums; /* owned; open addressing, cap_sums 0 or a power of 2 */
    size_t n_sums;
    size_t cap_sums;
    struct rule_strorigin_var *vars; /* owned */
    size_t n_vars;
    size_t cap_vars;
    struct rule_strorigin_edge *edges; /* owned */
    size_t n_edges;
    size_t cap_edges;
    int lost;
};

/* What an expression's text is made of, while recording. */
struct rule_strorigin_value {
    unsigned flags;
    CXCursor where;
    char source[32];
    size_t refs[RULE_STRORIGIN_MAX_REFS]; /* variables whose buffer it points into, or whose text it
                                             has */
    enum rule_strorigin_how how[RULE_STRORIGIN_MAX_REFS];
    size_t n_refs;
};

enum rule_strorigin_kind {
    RULE_STRORIGIN_K_COPY,    /* returns new memory holding arg's text (strdup) */
    RULE_STRORIGIN_K_ALIAS,   /* returns a pointer into arg (strchr, realloc) */
    RULE_STRORIGIN_K_INPUT,   /* returns, or stores into dst, text read from outside */
    RULE_STRORIGIN_K_FORMAT,  /* returns, or stores into dst, a formatted text */
    RULE_STRORIGIN_K_FRESH,   /* returns new memory with no text yet (malloc) */
    RULE_STRORIGIN_K_GETTEXT, /* returns the translation of the literal arg */
    RULE_STRORIGIN_K_STORE,   /* copies arg's text into dst (strcpy, memcpy) */
    RULE_STRORIGIN_K_APPEND,  /* appends arg's text to dst (strcat) */
    RULE_STRORIGIN_K_SCAN,    /* stores read text into the pointer arguments after the format */
    RULE_STRORIGIN_K_NEUTRAL, /* reads its arguments, or stores nothing that is text (memset, free)
                               */
};

struct rule_strorigin_fn {
    const char *name;
    enum rule_strorigin_kind kind;
    int dst;        /* stores into this argument; -1: returns its result */
    int arg;        /* the source, format or (gettext) message argument */
    int first;      /* RULE_STRORIGIN_K_FORMAT: first formatted argument; -1 for a va_list */
    unsigned flags; /* 1: dst is passed by address (&p); 2: SQLite format; 4: scans the text
                     * of argument 0, not input */
};

/* The number of the local variable decl, added when new; RULE_STRORIGIN_NONE when memory
 * ran out (so->lost is then set). */
size_t rule_strorigin_var_index(struct rule_strorigin *so, CXCursor decl);

/* The summary of callee (a declaration) when it is a function of the unit recorded earlier;
 * NULL otherwise. */
const struct rule_strorigin_summary *rule_strorigin_summary_find(const struct rule_strorigin *so,
                                                                 CXCursor callee);

/* Summarizes the function just finished for the calls of it recorded later. */
void rule_strorigin_summarize(struct rule_strorigin *so);

/* Nonzero when argument k of a call to a function of type fn may be written through. */
int rule_strorigin_param_writable(CXType fn, int k);

/* A local variable or parameter that is not static. */
int rule_strorigin_is_local(CXCursor decl);

/* The entry of the function call calls, its name copied into name; NULL when not known. */
const struct rule_strorigin_fn *rule_strorigin_fn_find(CXCursor call, char *name, size_t size);

void rule_strorigin_value_init(struct rule_strorigin_value *v);

/* Adds flags to v, with where (and for TAINT the source function) when they are new. */
void rule_strorigin_value_flag(struct rule_strorigin_value *v, unsigned flags, CXCursor where,
                               const char *source);

/* Adds v, taken in the way how (copied, appended, quoted), to out. */
void rule_strorigin_value_take(struct rule_strorigin_value *out,
                               const struct rule_strorigin_value *v, enum rule_strorigin_how how,
                               CXCursor where);

/* What flags become when text is taken in the way how. */
unsigned rule_strorigin_convert_flags(unsigned flags, enum rule_strorigin_how how);

/* Adds what the text of expression e is made of to out (depth: nesting so far). */
void rule_strorigin_eval(struct rule_strorigin *so, CXCursor e, int depth,
                         struct rule_strorigin_value *out);

/* As rule_strorigin_eval for argument k of call (UNKNOWN when there is no such argument). */
void rule_strorigin_eval_arg(struct rule_strorigin *so, CXCursor call, int k, int depth,
                             struct rule_strorigin_value *out);

/* The text the format call f (an entry of kind FORMAT) produces, into out. */
void rule_strorigin_eval_format(struct rule_strorigin *so, CXCursor call,
                                const struct rule_strorigin_fn *f, int depth,
                                struct rule_strorigin_value *out);

#endif
