/* Seeds and exported facts of the use-after-free rule (see uaf_xunit.h): only ECG_XV_FREED
 * facts, and only for blocks freed on every path where they cross the unit's edge. */
#include "rules/support/uaf_xunit.h"

#include <stdio.h>
#include <string.h>

#include "rules/support/xvalue.h"

const struct ecg_xfact *rule_uaf_xunit_seed(const struct rule_ctx *rc, CXCursor fn, CXCursor read)
{
    return rule_xvalue_seed_of(rc, fn, read, ECG_XV_FREED);
}

/* The file name (without directories) of the seed's first step, or NULL. */
static const char *first_file(const struct ecg_xfact *seed)
{
    const char *path;
    const char *slash;

    if (seed->origin.n_steps == 0 || seed->origin.steps[0].path == NULL)
        return NULL;
    path = seed->origin.steps[0].path;
    slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

void rule_uaf_xunit_where(char *buf, size_t size, const struct ecg_xfact *seed)
{
    const char *file = first_file(seed);

    if (file != NULL)
        snprintf(buf, size, "freed in another file ('%s')", file);
    else
        snprintf(buf, size, "freed in another file");
}

void rule_uaf_xunit_export(struct rule_ctx *rc, CXCursor fn, const struct rule_uaf_exit *x,
                           int returns_freed)
{
    const struct ecg_xfact *seed = x->origin;
    char callee[128];
    char text[160];
    struct rule_xout out;

    memset(&out, 0, sizeof(out));
    out.value = ECG_XV_FREED;
    out.prior = seed != NULL ? &seed->origin : NULL;
    out.where = seed != NULL ? clang_getNullRange() : clang_getCursorExtent(x->freed_at);
    if (x->kind == RULE_UAF_EXIT_GLOBAL)
        snprintf(text, sizeof(text), "the block stored in '%s' is freed here", x->name);
    else
        snprintf(text, sizeof(text), "'%s' is freed here", x->name);
    out.what_happened = text;
    switch (x->kind) {
    case RULE_UAF_EXIT_ARG:
        rule_xvalue_export_arg(rc, x->at, x->arg, x->pointee, x->field, &out);
        break;
    case RULE_UAF_EXIT_GLOBAL:
        if (rule_xvalue_external_callee(x->at, callee, sizeof(callee)) != NULL)
            rule_xvalue_export_global(rc, x->global, x->at, &out);
        break;
    case RULE_UAF_EXIT_RETURN:
        if (returns_freed)
            rule_xvalue_export_return(rc, fn, x->at, &out);
        break;
    }
}
