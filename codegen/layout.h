/* The layout planner of ecg gen: reorders the members of an annotated struct so hot members
 * come first, then by decreasing alignment, cold members last, every gap an explicit padding
 * slot, and each ECG_WRITER group on cache lines of its own. Never more padding than the
 * declared order needs, except what cache_aligned and cache-line groups ask for. */
#ifndef ECG_CODEGEN_LAYOUT_H
#define ECG_CODEGEN_LAYOUT_H

#include "codegen/model.h"

/* Plans the layout of s into *out (release with gen_model_layout_fini). The members that
 * no ECG_WRITER names and that are not _Atomic come first (from offset 0): hot, then warm,
 * then cold, each by decreasing alignment, declaration order breaking ties, with small
 * members moved into gaps; when that order would make the block larger than its minimum, the
 * rest is laid out so hot members stay first at minimum size. Each writer group (in the order
 * its first member was declared), and each _Atomic member without a writer (which
 * lockfree-false-sharing treats as written by a thread of its own), then starts on a new
 * cache line, and the struct is cache-line aligned when there is such a group or
 * options.cache_aligned. Deterministic. Returns 0 or ECG_ENOMEM. */
int gen_layout_plan(struct gen_layout *out, const struct gen_struct *s);

/* The bytes of padding in a layout: its size minus the sizes of the members. */
size_t gen_layout_padding(const struct gen_layout *layout);

#endif
