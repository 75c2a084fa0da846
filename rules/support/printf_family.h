/* The printf family: functions that take a printf format (the C library's, and any declared
 * with __attribute__((format(printf, n, m)))), where the format is, and functions of the unit
 * that pass their callers' format on. Used by security-format-string. */
#ifndef ECG_RULES_SUPPORT_PRINTF_FAMILY_H
#define ECG_RULES_SUPPORT_PRINTF_FAMILY_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/cursormap.h"

/* A printf-family function and where its format is. */
struct rule_printf_fn {
    const char *name; /* static: the table's name, or NULL for one known by its attribute */
    unsigned fmt;     /* the format argument (0-based) */
    int takes_list;   /* the arguments come as a va_list: no fix */
    int wide;         /* wchar_t format */
};

/* Fills *out and returns 1 when decl, a function called by name, is in the printf family:
 * by name in the C library's table, else by a format(printf, n, m) attribute on decl or its
 * canonical declaration. Returns 0 and leaves *out alone otherwise. */
int rule_printf_family_lookup(struct rule_printf_fn *out, CXTranslationUnit tu, CXCursor decl,
                              const char *name);

/* Nonzero when fn passes its parameter param on as a format its callers give: a format
 * attribute names it, or fn is variadic, or it hands a va_list of its own to a v*printf
 * (callee is the printf-family function it calls). */
int rule_printf_family_is_wrapper(CXTranslationUnit tu, CXCursor fn, int param,
                                  const struct rule_printf_fn *callee);

/* What a called function is, worked out once per function of the unit. */
struct rule_printf_family_callee {
    int is_format; /* a printf-family function: fn says where its format is */
    struct rule_printf_fn fn;
};

/* A unit's memo of rule_printf_family_lookup by called function. Zeroed storage is an empty
 * memo; one thread at a time. */
struct rule_printf_family_memo {
    struct ecg_cursormap callees;             /* functions called, canonical; owned */
    struct rule_printf_family_callee *callee; /* owned; per callee index */
    size_t cap_callee;
};

/* Releases the memo's arrays. */
void rule_printf_family_memo_fini(struct rule_printf_family_memo *memo);

/* rule_printf_family_lookup(out, tu, decl, name), asked once per function decl (by its
 * canonical cursor): 1 with *out filled, 0, or ECG_ENOMEM, after which the memo must not be
 * asked again (it is still released by rule_printf_family_memo_fini). */
int rule_printf_family_memo_lookup(struct rule_printf_fn *out, struct rule_printf_family_memo *memo,
                                   CXTranslationUnit tu, CXCursor decl, const char *name);

/* The table's entry for printf (format first, variadic); borrowed, static. */
const struct rule_printf_fn *rule_printf_family_printf(void);

#endif
