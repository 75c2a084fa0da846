/* Releasing the annotation model: every string and array hangs off its struct. */
#include "codegen/model.h"

#include <stdlib.h>

static void member_fini(struct gen_member *m)
{
    free(m->name);
    free(m->declaration);
    free(m->writer);
}

void gen_model_struct_fini(struct gen_struct *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_members; i++)
        member_fini(&s->members[i]);
    for (size_t i = 0; i < s->n_includes; i++)
        free(s->includes[i]);
    free(s->members);
    free(s->includes);
    free(s->name);
    free(s->input);
    s->members = NULL;
    s->includes = NULL;
    s->name = NULL;
    s->input = NULL;
    s->n_members = 0;
    s->n_includes = 0;
}

void gen_model_layout_fini(struct gen_layout *layout)
{
    if (layout == NULL)
        return;
    free(layout->slots);
    layout->slots = NULL;
    layout->n_slots = 0;
}
