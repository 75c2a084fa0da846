/* Templates for the pool and instrumentation emitters: generated C as string literals ($n name,
 * $N NAME, $c capacity, $b bits counting 0..capacity, $m a thread cache's size, $$ a dollar); a
 * line led by ?c (?l) is kept only with instrument(counters) (latency), one led by ?u only
 * without counters, one led by ?0 only with neither: each block reads like the code it produces. */
#ifndef ECG_CODEGEN_EMIT_POOL_TPL_H
#define ECG_CODEGEN_EMIT_POOL_TPL_H

#include "codegen/model.h"
#include "codegen/text.h"

/* Appends tpl to text with the variables of s substituted and the conditional lines s does
 * not ask for left out; a '$' before any other character is copied as is. Failures stick in
 * text (see gen_text_status). */
void gen_emit_pool_tpl_write(struct gen_text *text, const char *tpl, const struct gen_struct *s);

/* The most objects a shared pool's per-thread cache (struct <name>_pool_cache) holds. */
#define GEN_POOL_CACHE_MAX 32u

/* The objects one thread cache of s's shared pool holds at most: an eighth of the capacity,
 * even, from 2 to GEN_POOL_CACHE_MAX (so a few caches cannot hoard a small pool). */
size_t gen_emit_pool_tpl_cache_size(const struct gen_struct *s);

/* The alignment of struct <name>_pool in bytes: the struct's own, raised to the cache line when
 * the pool is shared or times latency (their atomics and histogram start cache lines). */
size_t gen_emit_pool_tpl_align(const struct gen_struct *s, const struct gen_layout *layout);

#endif
