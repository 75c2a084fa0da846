/* A growing text buffer the emitters print generated C into. The first allocation failure
 * sticks: later appends do nothing and gen_text_status reports it, so emitters check once. */
#ifndef ECG_CODEGEN_TEXT_H
#define ECG_CODEGEN_TEXT_H

#include <stddef.h>

struct gen_text {
    char *data; /* NUL-terminated once anything was appended; owned */
    size_t len; /* bytes, without the NUL */
    size_t cap; /* bytes allocated */
    int failed; /* an append ran out of memory */
};

/* Appends formatted text. */
void gen_text_printf(struct gen_text *text, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends a string as is. */
void gen_text_puts(struct gen_text *text, const char *s);

/* Returns 0, or ECG_ENOMEM when an append failed. */
int gen_text_status(const struct gen_text *text);

/* Releases the buffer and empties text; text may be NULL. */
void gen_text_fini(struct gen_text *text);

#endif
