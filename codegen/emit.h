/* The emitters of the pieces ECG_GENERATE asks for, called by the file writer in this order
 * for one struct: includes, then (after the struct and its assertions) instrumentation, pool
 * and ring. Each appends to the generated header h and source c; a piece the struct's options
 * do not ask for appends nothing. Each returns 0 or ECG_ENOMEM (from gen_text_status). */
#ifndef ECG_CODEGEN_EMIT_H
#define ECG_CODEGEN_EMIT_H

#include "codegen/model.h"
#include "codegen/text.h"

/* The #include lines the requested pieces need (<stdatomic.h>, <ecg/hist.h> ...), written
 * into the header before the struct. */
int gen_emit_includes(struct gen_text *h, const struct gen_struct *s);

/* Counters and latency histograms; compiled out by -DECG_NO_INSTRUMENT. */
int gen_emit_instrument(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                        const struct gen_layout *layout);

/* <name>_pool_init/acquire/release/stats: fixed capacity, O(1), no malloc after init. */
int gen_emit_pool(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                  const struct gen_layout *layout);

/* <name>_ring_*: single-producer single-consumer, power-of-two capacity. */
int gen_emit_ring(struct gen_text *h, struct gen_text *c, const struct gen_struct *s,
                  const struct gen_layout *layout);

#endif
