/* The --report table. Both shapes are computed from (offset, size) pairs in offset order:
 * the declared members for "before", the planned slots for "after". */
#include "codegen/report.h"

#include <string.h>

/* Accumulates a shape from pieces visited in offset order. */
struct tally {
    struct gen_report_shape shape;
    size_t end;       /* end of the last member seen */
    size_t hot_until; /* one past the last cache line already counted as hot */
    size_t used;      /* bytes of members */
};

static void tally_member(struct tally *t, size_t offset, size_t size, int hot)
{
    size_t first = offset / GEN_CACHE_LINE;
    size_t last = (offset + (size != 0 ? size : 1) - 1) / GEN_CACHE_LINE;

    if (offset > t->end)
        t->shape.holes++;
    t->end = offset + size;
    t->used += size;
    if (!hot)
        return;
    if (first < t->hot_until)
        first = t->hot_until;
    if (last >= first)
        t->shape.hot_lines += last - first + 1;
    if (last + 1 > t->hot_until)
        t->hot_until = last + 1;
}

static struct gen_report_shape tally_finish(struct tally *t, size_t size)
{
    t->shape.size = size;
    t->shape.padding = size - t->used;
    t->shape.lines = (size + GEN_CACHE_LINE - 1) / GEN_CACHE_LINE;
    return t->shape;
}

struct gen_report_shape gen_report_before(const struct gen_struct *s)
{
    struct tally t;

    memset(&t, 0, sizeof(t));
    for (size_t i = 0; i < s->n_members; i++) {
        const struct gen_member *m = &s->members[i];
        tally_member(&t, m->offset, m->size, m->heat == GEN_HEAT_HOT);
    }
    return tally_finish(&t, s->size);
}

struct gen_report_shape gen_report_after(const struct gen_struct *s,
                                         const struct gen_layout *layout)
{
    struct tally t;

    memset(&t, 0, sizeof(t));
    for (size_t i = 0; i < layout->n_slots; i++) {
        const struct gen_slot *slot = &layout->slots[i];
        if (slot->member == GEN_SLOT_PADDING)
            continue;
        tally_member(&t, slot->offset, slot->size, s->members[slot->member].heat == GEN_HEAT_HOT);
    }
    return tally_finish(&t, layout->size);
}

static const char *heat_name(enum gen_heat heat)
{
    switch (heat) {
    case GEN_HEAT_HOT:
        return "hot";
    case GEN_HEAT_COLD:
        return "cold";
    case GEN_HEAT_WARM:
        return "";
    }
    return "";
}

static void format_map(struct gen_text *out, const struct gen_struct *s,
                       const struct gen_layout *layout)
{
    gen_text_puts(out, "  planned layout:\n    offset   size  member\n");
    for (size_t i = 0; i < layout->n_slots; i++) {
        const struct gen_slot *slot = &layout->slots[i];
        const struct gen_member *m;
        if (slot->member == GEN_SLOT_PADDING) {
            gen_text_printf(out, "    %6zu %6zu  (padding)\n", slot->offset, slot->size);
            continue;
        }
        m = &s->members[slot->member];
        gen_text_printf(out, "    %6zu %6zu  %s%s%s%s%s%s\n", slot->offset, slot->size, m->name,
                        m->heat != GEN_HEAT_WARM ? "  " : "", heat_name(m->heat),
                        m->writer != NULL ? "  writer=" : "", m->writer != NULL ? m->writer : "",
                        slot->starts_line ? "  (new cache line)" : "");
    }
}

int gen_report_format(struct gen_text *out, const struct gen_struct *s,
                      const struct gen_layout *layout)
{
    struct gen_report_shape before = gen_report_before(s);
    struct gen_report_shape after = gen_report_after(s, layout);

    gen_text_printf(out, "struct %s (%s:%u)\n", s->name, s->input, s->line);
    gen_text_printf(out, "  %-30s %8s %8s\n", "", "before", "after");
    gen_text_printf(out, "  %-30s %8zu %8zu\n", "size (bytes)", before.size, after.size);
    gen_text_printf(out, "  %-30s %8zu %8zu\n", "holes", before.holes, after.holes);
    gen_text_printf(out, "  %-30s %8zu %8zu\n", "padding (bytes)", before.padding, after.padding);
    gen_text_printf(out, "  %-30s %8zu %8zu\n", "cache lines", before.lines, after.lines);
    gen_text_printf(out, "  %-30s %8zu %8zu\n", "cache lines with hot members", before.hot_lines,
                    after.hot_lines);
    format_map(out, s, layout);
    return gen_text_status(out);
}
