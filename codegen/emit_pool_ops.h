/* The operations of a generated pool: acquire and release as static inline functions in the
 * header (they are a few instructions, and a call would cost as much), init and stats in the
 * source. Local pools use an intrusive free list (an index stack for structs smaller than a
 * pointer); shared ones a lock-free tagged-index stack. */
#ifndef ECG_CODEGEN_EMIT_POOL_OPS_H
#define ECG_CODEGEN_EMIT_POOL_OPS_H

#include "codegen/model.h"
#include "codegen/text.h"

/* Appends the operations of s's pool to the header h and the source c; failures stick in the
 * texts (see gen_text_status). */
void gen_emit_pool_ops_write(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                             const struct gen_layout *layout);

/* The bytes a free object of a local pool must hold for the intrusive link: the largest
 * pointer of any target (the generated header asserts that a pointer fits). */
#define GEN_POOL_LINK_SIZE 8

/* 1 when a local pool of structs laid out as layout links its free objects through their own
 * storage, 0 when they are too small and it keeps an index stack. */
int gen_emit_pool_ops_intrusive(const struct gen_layout *layout);

#endif
