/* The template expander of the pool and instrumentation emitters: copies a template into a
 * gen_text line by line, dropping the ?c/?u/?l/?0 lines the options do not ask for and replacing
 * $n, $N, $b, $c, $m and $$; runs of plain text are appended in one piece. */
#include "codegen/emit_pool_tpl.h"

#include <ctype.h>
#include <string.h>

static void put_upper(struct gen_text *text, const char *name)
{
    char chunk[64];
    size_t used = 0;

    for (const char *p = name; *p != '\0'; p++) {
        chunk[used] = (char)toupper((unsigned char)*p);
        used++;
        if (used == sizeof chunk - 1) {
            chunk[used] = '\0';
            gen_text_puts(text, chunk);
            used = 0;
        }
    }
    chunk[used] = '\0';
    gen_text_puts(text, chunk);
}

/* Bits that hold every count from 0 to capacity. */
static unsigned in_use_bits(uint32_t capacity)
{
    unsigned bits = 1;

    while (bits < 32 && ((uint64_t)1 << bits) <= capacity)
        bits++;
    return bits;
}

size_t gen_emit_pool_tpl_cache_size(const struct gen_struct *s)
{
    uint32_t size = s->options.pool_capacity / 8;

    if (size > GEN_POOL_CACHE_MAX)
        return GEN_POOL_CACHE_MAX;
    if (size < 2)
        return 2;
    return size & ~(uint32_t)1;
}

static void put_span(struct gen_text *text, const char *start, size_t len)
{
    gen_text_printf(text, "%.*s", (int)len, start);
}

static void put_variable(struct gen_text *text, char which, const struct gen_struct *s)
{
    switch (which) {
    case 'n':
        gen_text_puts(text, s->name);
        break;
    case 'N':
        put_upper(text, s->name);
        break;
    case 'b':
        gen_text_printf(text, "%u", in_use_bits(s->options.pool_capacity));
        break;
    case 'c':
        gen_text_printf(text, "%lu", (unsigned long)s->options.pool_capacity);
        break;
    case 'm':
        gen_text_printf(text, "%zu", gen_emit_pool_tpl_cache_size(s));
        break;
    case '$':
        gen_text_puts(text, "$");
        break;
    default:
        gen_text_printf(text, "$%c", which);
        break;
    }
}

static void put_line(struct gen_text *text, const char *p, const char *end,
                     const struct gen_struct *s)
{
    while (p < end) {
        const char *dollar = memchr(p, '$', (size_t)(end - p));
        if (dollar == NULL) {
            put_span(text, p, (size_t)(end - p));
            return;
        }
        put_span(text, p, (size_t)(dollar - p));
        if (dollar + 1 == end) {
            gen_text_puts(text, "$");
            return;
        }
        put_variable(text, dollar[1], s);
        p = dollar + 2;
    }
}

/* Whether a line is kept, and where its text starts past a ?c, ?u, ?l or ?0 mark. */
static int line_kept(const char **start, const struct gen_struct *s)
{
    const char *p = *start;

    if (p[0] != '?' || strchr("cul0", p[1]) == NULL || p[1] == '\0')
        return 1;
    *start = p + 2;
    if (p[1] == '0')
        return !s->options.counters && !s->options.latency;
    if (p[1] == 'u')
        return !s->options.counters;
    return p[1] == 'c' ? s->options.counters : s->options.latency;
}

void gen_emit_pool_tpl_write(struct gen_text *text, const char *tpl, const struct gen_struct *s)
{
    const char *p = tpl;

    while (*p != '\0') {
        const char *newline = strchr(p, '\n');
        const char *end = newline != NULL ? newline + 1 : p + strlen(p);
        const char *start = p;

        if (line_kept(&start, s))
            put_line(text, start, end, s);
        p = end;
    }
}

size_t gen_emit_pool_tpl_align(const struct gen_struct *s, const struct gen_layout *layout)
{
    size_t align = layout->align != 0 ? layout->align : 1;
    int starts_lines = s->options.pool_sharing == GEN_POOL_SHARED || s->options.latency;

    if (starts_lines && align < GEN_CACHE_LINE)
        align = GEN_CACHE_LINE;
    return align;
}
