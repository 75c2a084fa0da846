/* Canonical keys of path-like expressions, to tell whether two expressions name the same
 * object: variables by their declaration (not their spelling, so shadowing cannot fool
 * it), members, subscripts, dereferences, string and integer literals. Casts and
 * parentheses do not count, so (char *)p and p have the same key. */
#ifndef ECG_RULES_SUPPORT_EXPRKEY_H
#define ECG_RULES_SUPPORT_EXPRKEY_H

#include <clang-c/Index.h>
#include <stddef.h>

/* Writes the key of expr (of tu) into out and returns 1 when expr is built only from
 * variables, '.', '->', '[]', unary '*' and '&', and literals; returns 0 for anything else
 * (a call, arithmetic), or when the key does not fit in size bytes. */
int rule_exprkey_get(char *out, size_t size, CXTranslationUnit tu, CXCursor expr);

/* Looks through parentheses and casts, implicit or written: the operand they convert. */
CXCursor rule_exprkey_strip(CXCursor expr);

/* The name an lvalue is known by: the variable of 'p', 'p[i]', '*p', the member of
 * 's.f', 'p->f', 'p->f[i]'; a null cursor for anything else. The result is the
 * DeclRefExpr or MemberRefExpr cursor. */
CXCursor rule_exprkey_named(CXCursor expr);

#endif
