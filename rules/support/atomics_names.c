/* The memo of callees' names; see atomics_names.h. A function declaration's spelling depends
 * only on the declaration, which is the cursor's first data word, so that word is the key. */
#include "rules/support/atomics_names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"

#define AN_SLOTS 512 /* direct-mapped: a collision only costs a fresh reading */
#define AN_NAME 64   /* names kept with their '\0'; longer ones are read each time */

struct an_slot {
    const void *decl; /* the FunctionDecl; NULL when the slot is empty */
    size_t len;       /* of name, below AN_NAME - 1: never truncated */
    char name[AN_NAME];
};

struct an_memo {
    struct an_slot slots[AN_SLOTS];
    CXCursor ref;        /* the cursor rule_atomics_referenced was asked last */
    CXCursor referenced; /* its answer; valid when has_ref */
    int has_ref;
};

static void *memo_create(struct rule_ctx *rc)
{
    (void)rc;
    return calloc(1, sizeof(struct an_memo));
}

static void memo_release(void *data)
{
    free(data);
}

static const struct rule_shared_desc an_shared = { memo_create, memo_release };

static size_t slot_of(const void *decl)
{
    uintptr_t h = (uintptr_t)decl;

    return (size_t)((h >> 4) ^ (h >> 13)) & (AN_SLOTS - 1);
}

/* Copies name (len bytes) into buf as snprintf(buf, size, "%s", name) would. */
static const char *copy_out(char *buf, size_t size, const char *name, size_t len)
{
    if (size == 0)
        return buf;
    if (len > size - 1)
        len = size - 1;
    memcpy(buf, name, len);
    buf[len] = '\0';
    return buf;
}

/* Reads callee's name into slot; 0 when it is too long to keep (slot left empty). */
static int remember(struct an_slot *slot, CXCursor callee)
{
    char name[AN_NAME];
    size_t len = strlen(rule_cursor_name(callee, name, sizeof(name)));

    if (len >= AN_NAME - 1)
        return 0;
    memcpy(slot->name, name, len + 1);
    slot->len = len;
    slot->decl = callee.data[0];
    return 1;
}

const char *rule_atomics_callee_name(struct rule_ctx *rc, CXCursor call, char *buf, size_t size)
{
    CXCursor callee = clang_getCursorReferenced(call);
    struct an_memo *memo;
    struct an_slot *slot;

    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl || callee.data[0] == NULL)
        return rule_callee_name(call, buf, size);
    memo = rule_unit_shared(rc, &an_shared);
    if (memo == NULL)
        return rule_cursor_name(callee, buf, size);
    slot = &memo->slots[slot_of(callee.data[0])];
    if (slot->decl != callee.data[0] && !remember(slot, callee))
        return rule_cursor_name(callee, buf, size);
    return copy_out(buf, size, slot->name, slot->len);
}

CXCursor rule_atomics_referenced(struct rule_ctx *rc, CXCursor ref)
{
    struct an_memo *memo = rule_unit_shared(rc, &an_shared);

    if (memo == NULL)
        return clang_getCursorReferenced(ref);
    if (!memo->has_ref || !rule_atomics_same_bits(memo->ref, ref)) {
        memo->referenced = clang_getCursorReferenced(ref);
        memo->ref = ref;
        memo->has_ref = 1;
    }
    return memo->referenced;
}
