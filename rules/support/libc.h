/* What C library functions do with pointers, for the rules that follow them: which return
 * NULL on failure, which never return, which dereference an argument, and which report
 * failure only through their result. Functions are known by name; a project's own wrappers
 * come in through rule options. */
#ifndef ECG_RULES_SUPPORT_LIBC_H
#define ECG_RULES_SUPPORT_LIBC_H

#include <clang-c/Index.h>
#include <stddef.h>

/* Nonzero when name is a library function whose result is NULL when it fails (malloc,
 * calloc, realloc, strdup, fopen, opendir ...). */
int rule_libc_allocates(const char *name);

/* Nonzero when the call (to the function name) never returns: exit, abort, longjmp, assert's
 * failure handler, or a function declared noreturn or _Noreturn. */
int rule_libc_noreturn(CXTranslationUnit tu, CXCursor call, const char *name);

/* Nonzero when the library function name, called as call, dereferences argument k (memcpy's
 * destination, fclose's stream, a printf argument for %s ...). */
int rule_libc_derefs_arg(CXCursor call, const char *name, unsigned k);

/* When name reports failure only through its result (fgets, fread, scanf, rename, setuid
 * ...), a sentence on what goes wrong when it is ignored and how to test it; else NULL. With
 * output set, output calls (printf, fputs, fclose ...) count too. */
const char *rule_libc_must_check(const char *name, int output);

/* Nonzero when name's result is the length of what it formats (snprintf, vsnprintf,
 * swprintf ...) rather than a status: a function returning it passes a length on. */
int rule_libc_result_is_length(const char *name);

/* Nonzero when a declaration of the function decl carries an attribute named by one of the
 * n words (its first token is read: libclang names few attributes). */
int rule_libc_has_attribute(CXTranslationUnit tu, CXCursor decl, const char *const *words,
                            size_t n);

/* The conversion character of a printf format that consumes variadic argument nth ('*' for
 * a width or precision), or 0 when the format consumes fewer arguments. With sqlite set the
 * format is SQLite's (sqlite3_mprintf): q, Q, w and z are conversions, not length modifiers.
 * When span is not NULL it receives the conversion's byte offsets: span[0] at its '%',
 * span[1] just past it ({0, 0} when there is none). */
char rule_libc_printf_conversion(const char *format, unsigned nth, int sqlite, size_t span[2]);

#endif
