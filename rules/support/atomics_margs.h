/* The arguments of a macro invocation as expression cursors: the invocation's tokens are
 * split at top-level commas, and each argument is the expression below the expansion's
 * expression whose extent is exactly the argument's text. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_MARGS_H
#define ECG_RULES_SUPPORT_ATOMICS_MARGS_H

#include <clang-c/Index.h>

struct rule_atomics_where_memo;

#define RULE_ATOMICS_MACRO_ARGS 8 /* arguments located, at most */

/* The argument cursors of the macro expansion mexp (a CXCursor_MacroExpansion of tu), found
 * below expr, the expression that spans the expansion, into out[0..RULE_ATOMICS_MACRO_ARGS).
 * Returns how many leading arguments were found; stops at the first that is not an
 * expression of its own (an argument pasted into a larger token). The file locations of the
 * expansion's cursors (nested ones often start at one token) are found through m
 * (atomics_where.h; NULL: asked each time). */
unsigned rule_atomics_macro_args_memo(CXCursor *out, CXTranslationUnit tu,
                                      struct rule_atomics_where_memo *m, CXCursor mexp,
                                      CXCursor expr);

#endif
