/* The ECG_GENERATE option language: "pool(capacity=4096, local), layout(cache_aligned),
 * instrument(counters)" becomes a struct gen_options. Every piece and option is checked;
 * a bad one yields a message naming it and the byte offset in the text where it starts. */
#ifndef ECG_CODEGEN_ANNOT_H
#define ECG_CODEGEN_ANNOT_H

#include <stddef.h>

#include "codegen/model.h"

/* The largest pool or ring capacity accepted, in objects or slots. */
#define GEN_CAPACITY_MAX (1u << 24)

/* Why a text was refused: the message and the byte offset in the text it concerns. */
struct gen_annot_error {
    size_t offset;
    char message[256];
};

/* Parses text (the annotation after "ecg:generate:") into *out. Returns 0, or ECG_EPARSE
 * with err filled in: an unknown piece or option, a piece or option given twice, a missing,
 * zero, non-numeric or too large capacity, a ring capacity that is not a power of two,
 * conflicting options (local and shared), instrument() with nothing to instrument. */
int gen_annot_parse(struct gen_options *out, const char *text, struct gen_annot_error *err);

#endif
