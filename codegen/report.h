/* ecg gen --report: a pahole-like before/after table per struct (size, holes, padding,
 * cache lines, cache lines the hot members touch) and the planned member map. */
#ifndef ECG_CODEGEN_REPORT_H
#define ECG_CODEGEN_REPORT_H

#include <stddef.h>

#include "codegen/model.h"
#include "codegen/text.h"

/* The shape of one layout, counted as if the struct began on a cache line. */
struct gen_report_shape {
    size_t size;      /* bytes */
    size_t holes;     /* gaps between members, tail padding not counted */
    size_t padding;   /* bytes that belong to no member, tail included */
    size_t lines;     /* cache lines the struct spans */
    size_t hot_lines; /* distinct cache lines holding a byte of an ECG_HOT member */
};

/* The shape of s as declared. */
struct gen_report_shape gen_report_before(const struct gen_struct *s);

/* The shape of s laid out as layout says. */
struct gen_report_shape gen_report_after(const struct gen_struct *s,
                                         const struct gen_layout *layout);

/* Appends the table and member map of s to out. Returns 0 or ECG_ENOMEM. */
int gen_report_format(struct gen_text *out, const struct gen_struct *s,
                      const struct gen_layout *layout);

#endif
