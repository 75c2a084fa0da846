/* Finding storage, ordering and de-duplication; see finding.h. */
#include "analyzer/finding.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"

const char *ecg_level_name(enum ecg_level level)
{
    switch (level) {
    case ECG_LEVEL_NOTE:
        return "note";
    case ECG_LEVEL_WARNING:
        return "warning";
    case ECG_LEVEL_ERROR:
        return "error";
    }
    return "warning";
}

int ecg_level_parse(enum ecg_level *out, const char *name)
{
    static const enum ecg_level levels[] = { ECG_LEVEL_NOTE, ECG_LEVEL_WARNING, ECG_LEVEL_ERROR };

    for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        if (strcmp(name, ecg_level_name(levels[i])) == 0) {
            *out = levels[i];
            return 0;
        }
    }
    return ECG_ECONFIG;
}

int ecg_range_set(struct ecg_range *range, const char *path, unsigned line, unsigned col,
                  unsigned end_line, unsigned end_col)
{
    char *copy = strdup(path != NULL ? path : "");

    if (copy == NULL)
        return ECG_ENOMEM;
    free(range->path);
    range->path = copy;
    range->line = line;
    range->col = col;
    range->end_line = end_line;
    range->end_col = end_col;
    return 0;
}

static void notes_free(struct ecg_note *notes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(notes[i].range.path);
        free(notes[i].message);
    }
    free(notes);
}

void ecg_finding_fini(struct ecg_finding *f)
{
    free(f->range.path);
    free(f->message);
    notes_free(f->related, f->n_related);
    notes_free(f->flow, f->n_flow);
    for (size_t i = 0; i < f->n_edits; i++) {
        free(f->edits[i].range.path);
        free(f->edits[i].replacement);
    }
    free(f->edits);
    free(f->fix_description);
    free(f->justification);
    memset(f, 0, sizeof(*f));
}

int ecg_finding_add_note(struct ecg_note **notes, size_t *n, const struct ecg_range *range,
                         const char *message)
{
    struct ecg_note *grown = realloc(*notes, (*n + 1) * sizeof(**notes));
    struct ecg_note *note;

    if (grown == NULL)
        return ECG_ENOMEM;
    *notes = grown;
    note = &grown[*n];
    memset(note, 0, sizeof(*note));
    note->message = strdup(message);
    if (note->message == NULL || ecg_range_set(&note->range, range->path, range->line, range->col,
                                               range->end_line, range->end_col) != 0) {
        free(note->message);
        return ECG_ENOMEM;
    }
    (*n)++;
    return 0;
}

int ecg_finding_add_edit(struct ecg_finding *f, const struct ecg_range *range,
                         const char *replacement)
{
    struct ecg_edit *grown = realloc(f->edits, (f->n_edits + 1) * sizeof(*grown));
    struct ecg_edit *edit;

    if (grown == NULL)
        return ECG_ENOMEM;
    f->edits = grown;
    edit = &grown[f->n_edits];
    memset(edit, 0, sizeof(*edit));
    edit->replacement = strdup(replacement);
    if (edit->replacement == NULL ||
        ecg_range_set(&edit->range, range->path, range->line, range->col, range->end_line,
                      range->end_col) != 0) {
        free(edit->replacement);
        return ECG_ENOMEM;
    }
    f->n_edits++;
    return 0;
}

void ecg_findings_init(struct ecg_findings *list)
{
    memset(list, 0, sizeof(*list));
}

void ecg_findings_fini(struct ecg_findings *list)
{
    for (size_t i = 0; i < list->len; i++)
        ecg_finding_fini(&list->items[i]);
    free(list->items);
    ecg_findings_init(list);
}

int ecg_findings_take(struct ecg_findings *list, struct ecg_finding *f)
{
    if (list->len == list->cap) {
        size_t cap = list->cap != 0 ? list->cap * 2 : 16;
        struct ecg_finding *grown = realloc(list->items, cap * sizeof(*grown));
        if (grown == NULL) {
            ecg_finding_fini(f);
            return ECG_ENOMEM;
        }
        list->items = grown;
        list->cap = cap;
    }
    list->items[list->len++] = *f;
    memset(f, 0, sizeof(*f));
    return 0;
}

int ecg_findings_move_all(struct ecg_findings *list, struct ecg_findings *from)
{
    int rc = 0;

    for (size_t i = 0; i < from->len; i++) {
        int r = ecg_findings_take(list, &from->items[i]);
        if (r != 0)
            rc = r;
    }
    free(from->items);
    ecg_findings_init(from);
    return rc;
}

static int compare_unsigned(unsigned a, unsigned b)
{
    return (a > b) - (a < b);
}

int ecg_finding_compare(const struct ecg_finding *a, const struct ecg_finding *b)
{
    int c = strcmp(a->range.path, b->range.path);

    if (c == 0)
        c = compare_unsigned(a->range.line, b->range.line);
    if (c == 0)
        c = compare_unsigned(a->range.col, b->range.col);
    if (c == 0)
        c = compare_unsigned(a->range.end_line, b->range.end_line);
    if (c == 0)
        c = compare_unsigned(a->range.end_col, b->range.end_col);
    if (c == 0)
        c = strcmp(a->rule_id, b->rule_id);
    if (c == 0)
        c = strcmp(a->message, b->message);
    return c;
}

static int compare_qsort(const void *a, const void *b)
{
    return ecg_finding_compare(a, b);
}

void ecg_findings_sort_unique(struct ecg_findings *list)
{
    size_t kept = 0;

    if (list->len == 0)
        return;
    qsort(list->items, list->len, sizeof(list->items[0]), compare_qsort);
    for (size_t i = 1; i < list->len; i++) {
        if (ecg_finding_compare(&list->items[kept], &list->items[i]) == 0) {
            ecg_finding_fini(&list->items[i]);
            continue;
        }
        kept++;
        if (kept != i)
            list->items[kept] = list->items[i];
    }
    list->len = kept + 1;
}
