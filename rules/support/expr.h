/* Small queries on expression cursors shared by rules: looking through implicit casts and
 * parentheses, array sizes, string literal values. Each looks at a bounded number of
 * direct children; none walks a subtree. */
#ifndef ECG_RULES_SUPPORT_EXPR_H
#define ECG_RULES_SUPPORT_EXPR_H

#include <clang-c/Index.h>
#include <stddef.h>

/* The first child of cursor, or a null cursor. */
CXCursor rule_expr_first_child(CXCursor cursor);

/* Looks through implicit conversions and parentheses: the expression as written. */
CXCursor rule_expr_strip(CXCursor expr);

/* The callee expression of a call (the referenced name as written), or a null cursor. */
CXCursor rule_expr_callee(CXCursor call);

/* The element count of expr's array type (after stripping), or -1 when it is not an array
 * of known size. */
long long rule_expr_array_size(CXCursor expr);

/* When expr is a narrow string literal (after stripping), stores its length (strlen of
 * its value) in *out_len and returns 1; otherwise returns 0. */
int rule_expr_string_literal(CXCursor expr, size_t *out_len);

/* When expr is a narrow string literal, copies its value (NUL-terminated, truncated to
 * size) into buf and returns 1; otherwise returns 0. */
int rule_expr_string_value(CXCursor expr, char *buf, size_t size);

#endif
