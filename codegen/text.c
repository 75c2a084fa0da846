/* The emitters' text buffer: vsnprintf into a doubling buffer, with a sticky failure flag. */
#include "codegen/text.h"

#include "analyzer/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int text_reserve(struct gen_text *text, size_t extra)
{
    size_t need = text->len + extra + 1;
    size_t cap = text->cap != 0 ? text->cap : 256;
    char *grown;

    if (need < extra)
        return ECG_ENOMEM;
    if (need <= text->cap)
        return 0;
    while (cap < need && cap <= ((size_t)-1) / 2)
        cap *= 2;
    if (cap < need)
        return ECG_ENOMEM;
    grown = realloc(text->data, cap);
    if (grown == NULL)
        return ECG_ENOMEM;
    text->data = grown;
    text->cap = cap;
    return 0;
}

static void text_append(struct gen_text *text, const char *s, size_t n)
{
    if (text->failed)
        return;
    if (text_reserve(text, n) != 0) {
        text->failed = 1;
        return;
    }
    memcpy(text->data + text->len, s, n);
    text->len += n;
    text->data[text->len] = '\0';
}

void gen_text_printf(struct gen_text *text, const char *fmt, ...)
{
    va_list ap;
    char small[512];
    char *big;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        text->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        text_append(text, small, (size_t)n);
        return;
    }
    big = malloc((size_t)n + 1);
    if (big == NULL) {
        text->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    text_append(text, big, (size_t)n);
    free(big);
}

void gen_text_puts(struct gen_text *text, const char *s)
{
    text_append(text, s, strlen(s));
}

int gen_text_status(const struct gen_text *text)
{
    return text->failed ? ECG_ENOMEM : 0;
}

void gen_text_fini(struct gen_text *text)
{
    if (text == NULL)
        return;
    free(text->data);
    text->data = NULL;
    text->len = 0;
    text->cap = 0;
    text->failed = 0;
}
