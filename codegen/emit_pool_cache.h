/* The per-thread caches of a generated shared pool: struct <name>_pool_cache, storage a thread
 * owns and passes explicitly, whose acquire and release touch only that storage and move objects
 * to and from the shared free stack half a cache at a time, as one chain with one
 * compare-exchange. */
#ifndef ECG_CODEGEN_EMIT_POOL_CACHE_H
#define ECG_CODEGEN_EMIT_POOL_CACHE_H

#include "codegen/model.h"
#include "codegen/text.h"

/* Appends the cache of s's shared pool to the header h (the struct, the inline acquire and
 * release) and the source c (init, refill, spill, flush); failures stick in the texts (see
 * gen_text_status). Call it after the pool's own operations, which it uses. */
void gen_emit_pool_cache_write(struct gen_text *h, struct gen_text *c, const struct gen_struct *s);

#endif
