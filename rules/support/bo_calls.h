/* The C library functions that write through a pointer with a length, for the buffer
 * overflow rule: which argument is the destination, which the count and in what unit, and
 * how the number of bytes written is found (a count, a string copy, an append). */
#ifndef ECG_RULES_SUPPORT_BO_CALLS_H
#define ECG_RULES_SUPPORT_BO_CALLS_H

#include <clang-c/Index.h>

enum rule_bo_call_kind {
    RULE_BO_COUNT,  /* writes count units: memcpy, strncpy, snprintf, fgets, read ... */
    RULE_BO_FREAD,  /* fread: size times count bytes */
    RULE_BO_COPY,   /* copies the source string and its terminator: strcpy, wcscpy */
    RULE_BO_APPEND, /* appends the source string: strcat, wcscat */
    RULE_BO_NAPPEND /* appends at most count elements and a terminator: strncat */
};

struct rule_bo_call {
    const char *name;
    enum rule_bo_call_kind kind;
    unsigned dst;   /* the destination argument */
    unsigned src;   /* the source argument (COPY, APPEND, NAPPEND), or the fill (memset) */
    unsigned count; /* the count argument (COUNT, NAPPEND; FREAD: the item size) */
    unsigned unit;  /* bytes per counted unit; 0: the size of the destination's element */
    int fills;      /* memset-like: src is the byte or wide character written */
};

/* The entry of the function name, or NULL when it is not one of them. */
const struct rule_bo_call *rule_bo_calls_find(const char *name);

#endif
