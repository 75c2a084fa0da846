/* Emits the laid-out struct and its static assertions; padding members are numbered in
 * offset order, so the output depends only on the layout. */
#include "codegen/emit_struct.h"

#include <stdio.h>

#include "analyzer/error.h"

static void emit_slot(struct gen_text *h, const struct gen_struct *s, const struct gen_slot *slot,
                      unsigned *pads)
{
    const struct gen_member *m;

    if (slot->member == GEN_SLOT_PADDING) {
        gen_text_printf(h, "    char %s%u[%zu]; /* padding: bytes %zu-%zu */\n", GEN_PAD_PREFIX,
                        *pads, slot->size, slot->offset, slot->offset + slot->size - 1);
        (*pads)++;
        return;
    }
    m = &s->members[slot->member];
    gen_text_puts(h, "    ");
    if (m->heat == GEN_HEAT_HOT)
        gen_text_puts(h, "ECG_HOT ");
    if (m->heat == GEN_HEAT_COLD)
        gen_text_puts(h, "ECG_COLD ");
    if (m->writer != NULL)
        gen_text_printf(h, "ECG_WRITER(%s) ", m->writer);
    if (slot->starts_line)
        gen_text_printf(h, "_Alignas(%d) ", GEN_CACHE_LINE);
    gen_text_printf(h, "%s;\n", m->declaration);
}

static void emit_asserts(struct gen_text *h, const struct gen_struct *s,
                         const struct gen_layout *layout)
{
    gen_text_printf(h,
                    "_Static_assert(sizeof(struct %s) == %zu, \"struct %s: size as planned\");\n",
                    s->name, layout->size, s->name);
    gen_text_printf(h,
                    "_Static_assert(_Alignof(struct %s) == %zu, \"struct %s: alignment as "
                    "planned\");\n",
                    s->name, layout->align, s->name);
    for (size_t i = 0; i < layout->n_slots; i++) {
        const struct gen_slot *slot = &layout->slots[i];
        const char *member;
        if (slot->member == GEN_SLOT_PADDING)
            continue;
        member = s->members[slot->member].name;
        gen_text_printf(h,
                        "_Static_assert(offsetof(struct %s, %s) == %zu, \"struct %s: offset of "
                        "%s as planned\");\n",
                        s->name, member, slot->offset, s->name, member);
    }
}

int gen_emit_struct(struct gen_text *h, const struct gen_struct *s, const struct gen_layout *layout)
{
    unsigned pads = 0;

    gen_text_printf(h, "struct %s {\n", s->name);
    for (size_t i = 0; i < layout->n_slots; i++)
        emit_slot(h, s, &layout->slots[i], &pads);
    gen_text_puts(h, "};\n\n");
    emit_asserts(h, s, layout);
    return gen_text_status(h);
}
