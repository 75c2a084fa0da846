/* Reading annotated headers through libclang: every struct definition of the main file that
 * carries ECG_GENERATE, with its members (declarator text, size, alignment, offset, heat,
 * writer, _Atomic), its options and the header's #include lines. Anything ecg gen cannot
 * reproduce faithfully is refused with a located diagnostic. */
#ifndef ECG_CODEGEN_READ_H
#define ECG_CODEGEN_READ_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "codegen/model.h"

struct ecg_diag;
struct ecg_strvec;

/* The annotated structs of one header, in declaration order. */
struct gen_read_result {
    struct gen_struct *structs; /* owned */
    size_t n_structs;
};

/* Parses the header at path (as C11, with -DECG_ANALYZING, then args, which may be NULL)
 * with libclang and reads its annotated structs into *out; path is kept as written in
 * gen_struct.input. resource_dir may be NULL. Errors: ECG_EPARSE for a header that does not
 * parse or a refused struct, member or annotation (the first one, located, in diag),
 * ECG_ENOMEM. A header without annotated structs is not an error. */
int gen_read_header(struct gen_read_result *out, const char *path, const struct ecg_strvec *args,
                    const char *resource_dir, struct ecg_diag *diag);

/* Reads the annotated structs of a parsed unit, naming them input; errors as above except
 * that the unit's own parse errors are not looked at. */
int gen_read_unit(struct gen_read_result *out, CXTranslationUnit tu, const char *input,
                  struct ecg_diag *diag);

/* Releases the structs of result (not result itself); result may be NULL. */
void gen_read_fini(struct gen_read_result *result);

#endif
