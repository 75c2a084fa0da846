/* Whether the cursor the walk is at lies in the type of a C cast: inside a 'typeof' that repeats
 * a wrapper macro's argument unevaluated (ck's '(typeof(*(SRC)))load(SRC)'). The reader keeps
 * such a cursor from claiming the expansion, which the cast's operand owns. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_TYPEOF_H
#define ECG_RULES_SUPPORT_ATOMICS_TYPEOF_H

#include <clang-c/Index.h>

struct rule_ctx;

/* Nonzero when expr is the cursor the walk of rc is at (a child of its parent) and lies under
 * a child other than the last of a C cast at most 4 levels up: in the cast's type. 0 for any
 * other cursor, and when rc is NULL. Looks at the walk's ancestors' kinds before visiting any
 * children. */
int rule_atomics_typeof_holds(const struct rule_ctx *rc, CXCursor expr);

#endif
