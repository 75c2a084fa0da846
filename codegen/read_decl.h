/* The declarator text of a struct member for the generated struct, e.g. "char venue[5]" or
 * "_Atomic(uint64_t) fills": what ecg gen's reader (codegen/read.c) stores in
 * gen_member.declaration. */
#ifndef ECG_CODEGEN_READ_DECL_H
#define ECG_CODEGEN_READ_DECL_H

#include <clang-c/Index.h>

struct ecg_strvec;

/* Rebuilds the declarator of the field c named name from its tokens, leaving out ECG_HOT,
 * ECG_COLD, ECG_WRITER(...) and __attribute__((...)). *out is a new string, or NULL when the
 * tokens cannot serve: the field is written by a macro, shares its declaration with other
 * fields, or names one of macros (the input's own, which the generated header lacks).
 * Returns 0 or ECG_ENOMEM. */
int gen_read_decl_from_tokens(char **out, CXTranslationUnit tu, CXCursor c, const char *name,
                              const struct ecg_strvec *macros);

/* Builds the declarator of name from clang's spelling of type: the name goes inside "(*"
 * for function pointers, before the first '[' for arrays, else after the type. *out is a new
 * string. Returns 0 or ECG_ENOMEM. */
int gen_read_decl_from_type(char **out, CXType type, const char *name);

#endif
