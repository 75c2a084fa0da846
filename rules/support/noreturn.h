/* Calls that do not return: declared so (noreturn attribute, _Noreturn), the C library's
 * exit functions, or functions defined in the same unit whose body ends the process
 * (exit(1) among its statements, a die() helper), followed two calls deep. Used to tell
 * an out-of-memory path that ends the process from one that goes on. */
#ifndef ECG_RULES_SUPPORT_NORETURN_H
#define ECG_RULES_SUPPORT_NORETURN_H

#include <clang-c/Index.h>

/* Nonzero when the call (a CallExpr) does not return. */
int rule_noreturn_call(CXCursor call);

/* Nonzero when stmt is such a call, or a compound statement with one among its statements. */
int rule_noreturn_stmt(CXCursor stmt);

/* Nonzero when the call is to a function defined in this unit whose body has, among its
 * statements, an if whose branch does not return: a checker such as
 * 'static void check_oom(void *p) { if (p == NULL) die("out of memory"); }'. */
int rule_noreturn_checker(CXCursor call);

#endif
