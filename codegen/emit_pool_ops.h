/* The operations of a generated pool: acquire and release as static inline functions in the
 * header (they are a few instructions, and a call would cost as much), init and stats in the
 * source. Local pools use a stack of free objects with a counted state word; shared ones a
 * lock-free tagged-index stack. */
#ifndef ECG_CODEGEN_EMIT_POOL_OPS_H
#define ECG_CODEGEN_EMIT_POOL_OPS_H

#include "codegen/model.h"
#include "codegen/text.h"

/* Appends the operations of s's pool to the header h and the source c; failures stick in the
 * texts (see gen_text_status). */
void gen_emit_pool_ops_write(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                             const struct gen_layout *layout);

/* 1 when the free list of s's local pool (laid out as layout) holds byte offsets, which cost an
 * add to use, 0 when its objects span more than 4 GiB and it holds indices instead. */
int gen_emit_pool_ops_offsets(const struct gen_struct *s, const struct gen_layout *layout);

#endif
