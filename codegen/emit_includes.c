/* gen_emit_includes: the #include lines the requested pool, ring and instrumentation need,
 * written into the generated header before the struct, always in the same order so the
 * output stays byte-for-byte stable. A struct that asks for none of them gets none. */
#include "codegen/emit.h"

static int wants_atomics(const struct gen_options *o)
{
    int shared_pool = o->pool_capacity != 0 && o->pool_sharing == GEN_POOL_SHARED;

    return shared_pool || o->ring_capacity != 0;
}

int gen_emit_includes(struct gen_text *h, const struct gen_struct *s)
{
    const struct gen_options *o = &s->options;
    int pool = o->pool_capacity != 0;

    if (!pool && o->ring_capacity == 0)
        return gen_text_status(h);
    if (pool)
        gen_text_puts(h, "#include <assert.h>\n");
    gen_text_puts(h, "#include <ecg/annotate.h>\n"); /* ECG_NONBLOCKING on the fast paths */
    gen_text_puts(h, "#include <stddef.h>\n#include <stdint.h>\n");
    if (o->ring_capacity != 0)
        gen_text_puts(h, "#include <string.h>\n"); /* memcpy in the ring's push */
    if (wants_atomics(o))
        gen_text_puts(h, "#include <stdatomic.h>\n");
    if (pool && o->latency)
        gen_text_puts(h, "#include <ecg/clock.h>\n#include <ecg/hist.h>\n");
    return gen_text_status(h);
}
