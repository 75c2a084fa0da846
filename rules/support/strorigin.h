/* Where the text of a function's local strings can come from (literals, parameters, input,
 * formatting), for rules asking whether a format or an SQL statement is constant. Recorded
 * during the walk, computed when the function ends, flow-insensitively: a variable and the
 * buffers it may point to form one class holding all text ever stored into any member. */
#ifndef ECG_RULES_SUPPORT_STRORIGIN_H
#define ECG_RULES_SUPPORT_STRORIGIN_H

#include <clang-c/Index.h>

struct ecg_taint_flow;
struct rule_strorigin;

/* What non-constant text may be in a string. 0: only literals ever reach it. */
enum rule_strorigin_flag {
    RULE_STRORIGIN_PARAM = 1,   /* a parameter's text: whatever the caller passed */
    RULE_STRORIGIN_UNKNOWN = 2, /* text from something not followed: a call's result, a
                                 * global, a field, a write by a function not known */
    RULE_STRORIGIN_TAINT = 4,   /* read from outside: recv, read, fgets, scanf, getenv, argv */
    RULE_STRORIGIN_BUILT = 8,   /* text of a parameter, of input or built itself formatted
                                 * (%s) or appended into it here, or any non-constant text
                                 * formatted between quotes ('%s') */
    RULE_STRORIGIN_QUOTED = 16, /* non-constant text added through SQL quoting (%q %Q %w) */
    RULE_STRORIGIN_ADDED = 32,  /* text not followed (a field, a call's result) formatted or
                                 * appended here outside quotes: maybe a fragment built with
                                 * care elsewhere (BUILT when it goes between quotes) */
};

#define RULE_STRORIGIN_NFLAGS 6

struct rule_strorigin_result {
    unsigned flags;                        /* enum rule_strorigin_flag set */
    CXCursor where[RULE_STRORIGIN_NFLAGS]; /* where flag bit i came in; null cursor if unknown */
    char source[32];                       /* TAINT: the input function ("recv", "argv") */
    int param;                             /* PARAM: the first parameter's index, else -1 */
    unsigned params;                       /* PARAM: bit k, parameter k's text (k < 32) */
};

/* Nonzero when t is a character type: char, signed/unsigned char, wchar_t where the target
 * has it as its own type, char16_t, char32_t. */
int rule_strorigin_is_char_type(CXType t);

/* An empty tracker, or NULL when memory runs out. Free with rule_strorigin_free. */
struct rule_strorigin *rule_strorigin_new(void);

/* Releases so; NULL is a no-op. */
void rule_strorigin_free(struct rule_strorigin *so);

/* Starts the function definition fn of tu: its parameters carry PARAM (main's argv TAINT). */
void rule_strorigin_begin(struct rule_strorigin *so, CXTranslationUnit tu, CXCursor fn);

/* Records a local variable declaration (its initialiser, if any). */
void rule_strorigin_on_decl(struct rule_strorigin *so, CXCursor var);

/* Records a binary operator; only assignments to local variables and stores into their
 * characters matter. */
void rule_strorigin_on_assign(struct rule_strorigin *so, CXCursor op);

/* Records what cursor (inside the function begun) tells, by its kind: a declaration, an
 * assignment, a return or a call, as the four functions below; other kinds are ignored. */
void rule_strorigin_on_cursor(struct rule_strorigin *so, CXCursor cursor);

/* Records a call: known writers (strcpy, snprintf, fgets, recv ...) store into their
 * destination; other functions that may write through a pointer argument leave its text
 * unknown. */
void rule_strorigin_on_call(struct rule_strorigin *so, CXCursor call);

/* Records a return statement: a function all of whose returns give constant text counts
 * as a constant for the calls of it recorded later. */
void rule_strorigin_on_return(struct rule_strorigin *so, CXCursor ret);

/* Computes the classes of the function recorded since begin. */
void rule_strorigin_finish(struct rule_strorigin *so);

/* Nonzero when memory ran out in the current function: answers are not to be trusted. */
int rule_strorigin_lost(const struct rule_strorigin *so);

/* What text expr (an expression of the finished function) can hold. Literals, ?: of
 * literals, const globals initialised with literals and gettext of a literal are constant.
 * What a function not known may write through a pointer counts from its call on: only such
 * calls before before (the call expr is an argument of, usually) make the text unknown. */
void rule_strorigin_classify(struct rule_strorigin *so, CXCursor expr, CXCursor before,
                             struct rule_strorigin_result *out);

/* Nonzero when a taint flow's data was spliced into other text on its way (formatted, or
 * appended by the strcat family), read from the engine's step texts: the data is then a
 * piece of the string that reaches the sink, not all of it. */
int rule_strorigin_flow_spliced(const struct ecg_taint_flow *flow);

#endif
