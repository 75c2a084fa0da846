/* The table of writing library functions for the buffer overflow rule (see bo_calls.h).
 * Wide-character functions count in wchar_t, the destination's element. */
#include "rules/support/bo_calls.h"

#include <string.h>

static const struct rule_bo_call bo_table[] = {
    { "memcpy", RULE_BO_COUNT, 0, 1, 2, 1, 0 },
    { "memmove", RULE_BO_COUNT, 0, 1, 2, 1, 0 },
    { "memset", RULE_BO_COUNT, 0, 1, 2, 1, 1 },
    { "__builtin_memcpy", RULE_BO_COUNT, 0, 1, 2, 1, 0 },
    { "__builtin_memmove", RULE_BO_COUNT, 0, 1, 2, 1, 0 },
    { "__builtin_memset", RULE_BO_COUNT, 0, 1, 2, 1, 1 },
    { "wmemcpy", RULE_BO_COUNT, 0, 1, 2, 0, 0 },
    { "wmemmove", RULE_BO_COUNT, 0, 1, 2, 0, 0 },
    { "wmemset", RULE_BO_COUNT, 0, 1, 2, 0, 1 },
    { "strncpy", RULE_BO_COUNT, 0, 1, 2, 1, 0 },
    { "stpncpy", RULE_BO_COUNT, 0, 1, 2, 1, 0 },
    { "wcsncpy", RULE_BO_COUNT, 0, 1, 2, 0, 0 },
    { "snprintf", RULE_BO_COUNT, 0, 2, 1, 1, 0 },
    { "vsnprintf", RULE_BO_COUNT, 0, 2, 1, 1, 0 },
    { "swprintf", RULE_BO_COUNT, 0, 2, 1, 0, 0 },
    { "vswprintf", RULE_BO_COUNT, 0, 2, 1, 0, 0 },
    { "fgets", RULE_BO_COUNT, 0, 2, 1, 1, 0 },
    { "fgetws", RULE_BO_COUNT, 0, 2, 1, 0, 0 },
    { "read", RULE_BO_COUNT, 1, 0, 2, 1, 0 },
    { "pread", RULE_BO_COUNT, 1, 0, 2, 1, 0 },
    { "recv", RULE_BO_COUNT, 1, 0, 2, 1, 0 },
    { "recvfrom", RULE_BO_COUNT, 1, 0, 2, 1, 0 },
    { "fread", RULE_BO_FREAD, 0, 3, 1, 1, 0 },
    { "strcpy", RULE_BO_COPY, 0, 1, 0, 1, 0 },
    { "stpcpy", RULE_BO_COPY, 0, 1, 0, 1, 0 },
    { "wcscpy", RULE_BO_COPY, 0, 1, 0, 0, 0 },
    { "strcat", RULE_BO_APPEND, 0, 1, 0, 1, 0 },
    { "wcscat", RULE_BO_APPEND, 0, 1, 0, 0, 0 },
    { "strncat", RULE_BO_NAPPEND, 0, 1, 2, 1, 0 },
    { "wcsncat", RULE_BO_NAPPEND, 0, 1, 2, 0, 0 },
};

const struct rule_bo_call *rule_bo_calls_find(const char *name)
{
    for (size_t i = 0; i < sizeof(bo_table) / sizeof(bo_table[0]); i++) {
        if (strcmp(name, bo_table[i].name) == 0)
            return &bo_table[i];
    }
    return NULL;
}
