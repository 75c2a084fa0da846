/* The struct definition ecg gen writes: the planned member order with explicit padding
 * members, _Alignas(64) where a cache line begins, and _Static_asserts that pin the size,
 * alignment and every member offset the planner chose. */
#ifndef ECG_CODEGEN_EMIT_STRUCT_H
#define ECG_CODEGEN_EMIT_STRUCT_H

#include "codegen/model.h"
#include "codegen/text.h"

/* The name of a padding member: the generator reserves this prefix. */
#define GEN_PAD_PREFIX "ecg_pad"

/* Appends to h "struct <name> { ... };" laid out as layout says, then the assertions (which
 * need <stddef.h> for offsetof). Returns 0 or ECG_ENOMEM. */
int gen_emit_struct(struct gen_text *h, const struct gen_struct *s,
                    const struct gen_layout *layout);

#endif
