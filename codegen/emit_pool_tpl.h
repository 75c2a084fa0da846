/* Templates for the pool and instrumentation emitters: generated C as string literals where
 * $n is the struct's name, $N the name in capitals, $c the pool's capacity, $b the bits that
 * count 0..capacity, $$ a dollar; a line led by ?c (?l) is kept only with instrument(counters)
 * (latency), one led by ?0 only with neither: each block reads like the code it produces. */
#ifndef ECG_CODEGEN_EMIT_POOL_TPL_H
#define ECG_CODEGEN_EMIT_POOL_TPL_H

#include "codegen/model.h"
#include "codegen/text.h"

/* Appends tpl to text with the variables of s substituted and the conditional lines s does
 * not ask for left out; a '$' before any other character is copied as is. Failures stick in
 * text (see gen_text_status). */
void gen_emit_pool_tpl_write(struct gen_text *text, const char *tpl, const struct gen_struct *s);

/* The alignment of struct <name>_pool in bytes: the struct's own, raised to the cache line when
 * the pool is shared or times latency (their atomics and histogram start cache lines). */
size_t gen_emit_pool_tpl_align(const struct gen_struct *s, const struct gen_layout *layout);

#endif
