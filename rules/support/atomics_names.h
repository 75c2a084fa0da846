/* The names of called functions and the declarations names refer to, remembered per unit for
 * the lock-free rules: seven of them ask the callee's name at the same calls (a declaration's
 * spelling costs about 1,100 instructions against a lookup of a few dozen), two the referenced
 * declaration at the same names. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_NAMES_H
#define ECG_RULES_SUPPORT_ATOMICS_NAMES_H

#include <clang-c/Index.h>
#include <stddef.h>

struct rule_ctx;

/* What rule_callee_name(call, buf, size) writes and returns, the same bytes: the called
 * function's name, "" for an indirect call. The unit's memo is shared by the rules; when it
 * cannot be made (memory ran out) the walk is marked failed and buf gets the name anyway. */
const char *rule_atomics_callee_name(struct rule_ctx *rc, CXCursor call, char *buf, size_t size);

/* clang_getCursorReferenced(ref), remembered for the last cursor asked: lockfree-mixed-access
 * and lockfree-volatile-sync both ask it at every name the walk meets. */
CXCursor rule_atomics_referenced(struct rule_ctx *rc, CXCursor ref);

#endif
