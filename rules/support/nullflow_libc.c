/* C library functions documented to return NULL in an ordinary case, not only when they
 * fail: a lookup that finds nothing. For the rules that follow null states; see nullflow.h. */
#include <stddef.h>
#include <string.h>

#include "rules/support/nullflow.h"
#include "rules/rule.h"

struct nf_maybe {
    const char *name;
    const char *when; /* completes "it returns NULL when ..." */
};

/* The searches (strchr, strstr, memchr ...) are left out: code often knows the character is
 * there from an earlier test of another copy of the string, which is not followed. */
static const struct nf_maybe nf_maybe_fns[] = {
    { "getenv", "the variable is not set" },
    { "secure_getenv", "the variable is not set" },
    { "localtime", "the time cannot be represented" },
    { "gmtime", "the time cannot be represented" },
    { "getpwnam", "there is no such user" },
    { "getpwuid", "there is no such user" },
    { "getgrnam", "there is no such group" },
    { "getgrgid", "there is no such group" },
    { "ttyname", "the descriptor is not a terminal" },
};

const char *rule_nullflow_null_when(const char *name)
{
    for (size_t i = 0; i < sizeof(nf_maybe_fns) / sizeof(nf_maybe_fns[0]); i++) {
        if (strcmp(nf_maybe_fns[i].name, name) == 0)
            return nf_maybe_fns[i].when;
    }
    return NULL;
}

int rule_nullflow_maybe_call(const char **out, struct rule_ctx *rc, CXCursor expr)
{
    char callee[64];
    const char *when;

    expr = rule_nullflow_strip(expr);
    if (clang_getCursorKind(expr) != CXCursor_CallExpr)
        return 0;
    rule_callee_name(expr, callee, sizeof(callee));
    if (callee[0] == '\0')
        return 0;
    when = rule_nullflow_null_when(callee);
    if (when == NULL && rule_option_list_has(rc, "may_return_null", callee))
        when = "it finds nothing";
    if (when == NULL)
        return 0;
    *out = when;
    return 1;
}
