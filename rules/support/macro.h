/* Macros as written at a use: the name of the macro an expression was expanded from, and
 * the identifiers written for an expression, read from the file's tokens between the
 * expansion locations of the expression's ends. */
#ifndef ECG_RULES_SUPPORT_MACRO_H
#define ECG_RULES_SUPPORT_MACRO_H

#include <clang-c/Index.h>
#include <stddef.h>

/* When the first token written at expr's expansion location is an identifier (the macro
 * name, for an expression from a macro body such as a string literal behind
 * '#define PASSWORD "..."'), copies it into out (truncated to size) and returns 1;
 * otherwise returns 0. */
int rule_macro_name_at(char *out, size_t size, CXTranslationUnit tu, CXCursor expr);

/* Nonzero when identifier is one of the tokens written in the file for expr, from the
 * expansion location of its start to that of its end: 'O_CREAT | O_EXCL' contains O_EXCL
 * even though the parser sees only the numbers the macros expand to. */
int rule_macro_written_contains(CXTranslationUnit tu, CXCursor expr, const char *identifier);

#endif
