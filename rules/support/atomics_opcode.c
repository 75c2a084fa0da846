/* The per-unit operator cache; see atomics_opcode.h. Open addressing keyed by the node an
 * operator cursor stands for (data[1]), which a cursor keeps however the walk reached it. */
#include "rules/support/atomics_opcode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/atomics_unit.h"

/* What is known of one operator. The verdicts are asked by several rules at the same
 * operator, and each costs visits of its operands. */
enum ao_known {
    AO_UNASKED,
    AO_NO,
    AO_YES,
};

struct ao_slot {
    const void *node; /* NULL: empty */
    enum ecg_op op;   /* valid when has_op */
    int has_op;
    enum ao_known assign;    /* rule_atomics_is_assign */
    enum ao_known increment; /* rule_atomics_is_increment */
};

struct ao_cache {
    struct ao_slot *slots; /* owned; n_slots entries */
    size_t n_slots;        /* a power of two, at least twice len */
    size_t len;
    struct ecg_opcode_texts texts; /* the file texts the operators are read from */
};

static void *ao_create(struct rule_ctx *rc)
{
    struct ao_cache *c = calloc(1, sizeof(struct ao_cache));

    (void)rc;
    if (c != NULL)
        ecg_opcode_texts_init(&c->texts);
    return c;
}

static void ao_release(void *data)
{
    struct ao_cache *c = data;

    if (c == NULL)
        return;
    free(c->slots);
    free(c);
}

static const struct rule_shared_desc ao_shared = { ao_create, ao_release };

static size_t ao_hash(const void *node, size_t n_slots)
{
    uint64_t h = (uint64_t)(uintptr_t)node * 0x9e3779b97f4a7c15ull;

    return (size_t)(h ^ (h >> 32)) & (n_slots - 1);
}

static struct ao_slot *ao_slot_of(struct ao_slot *slots, size_t n_slots, const void *node)
{
    size_t i = ao_hash(node, n_slots);

    while (slots[i].node != NULL && slots[i].node != node)
        i = (i + 1) & (n_slots - 1);
    return &slots[i];
}

/* Makes room for one more operator. Returns 0, or -1 when memory ran out. */
static int ao_reserve(struct ao_cache *c)
{
    size_t n = c->n_slots == 0 ? 1024 : c->n_slots * 2;
    struct ao_slot *slots;

    if ((c->len + 1) * 2 <= c->n_slots)
        return 0;
    slots = calloc(n, sizeof(*slots));
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < c->n_slots; i++) {
        if (c->slots[i].node != NULL)
            *ao_slot_of(slots, n, c->slots[i].node) = c->slots[i];
    }
    free(c->slots);
    c->slots = slots;
    c->n_slots = n;
    return 0;
}

static int ao_is_operator(enum CXCursorKind kind)
{
    return kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator ||
           kind == CXCursor_UnaryOperator;
}

/* The slot of the operator op (a new one, blank, when it was not asked about before), or
 * NULL when memory ran out. */
static struct ao_slot *ao_find(struct ao_cache **out_cache, struct rule_ctx *rc, CXCursor op)
{
    struct ao_cache *c = rule_unit_shared(rc, &ao_shared);
    struct ao_slot *slot;

    if (c == NULL || op.data[1] == NULL || ao_reserve(c) != 0)
        return NULL;
    slot = ao_slot_of(c->slots, c->n_slots, op.data[1]);
    if (slot->node == NULL) {
        memset(slot, 0, sizeof(*slot));
        slot->node = op.data[1];
        c->len++;
    }
    *out_cache = c;
    return slot;
}

const char *rule_atomics_file_text(struct rule_ctx *rc, CXFile file, size_t *size)
{
    struct ao_cache *c = rule_unit_shared(rc, &ao_shared);

    return ecg_opcode_file_text(c != NULL ? &c->texts : NULL, rule_unit(rc), file, size);
}

enum ecg_op rule_atomics_opcode(struct rule_ctx *rc, CXCursor op)
{
    struct ao_cache *c = NULL;
    struct ao_slot *slot;

    if (!ao_is_operator(clang_getCursorKind(op)))
        return ECG_OP_UNKNOWN;
    slot = ao_find(&c, rc, op);
    if (slot == NULL)
        return op.data[1] == NULL ? ECG_OP_UNKNOWN : ecg_opcode_of(op);
    if (!slot->has_op) {
        slot->op = ecg_opcode_read(&c->texts, op);
        slot->has_op = 1;
    }
    return slot->op;
}

enum rule_opkind rule_atomics_opkind(struct rule_ctx *rc, CXCursor op)
{
    enum CXCursorKind kind = clang_getCursorKind(op);

    if (kind == CXCursor_BinaryOperator)
        return rule_opkind_of(rule_atomics_opcode(rc, op), RULE_OPKIND_OTHER_BINARY);
    if (kind == CXCursor_UnaryOperator)
        return rule_opkind_of(rule_atomics_opcode(rc, op), RULE_OPKIND_OTHER_UNARY);
    return RULE_OPKIND_UNKNOWN;
}

/* Kinds of expression that are no lvalue in C: a call, a literal, a cast, a binary,
 * compound or conditional operator's result, sizeof. */
static const enum CXCursorKind ao_value_kinds[] = {
    CXCursor_CallExpr,         CXCursor_IntegerLiteral,         CXCursor_FloatingLiteral,
    CXCursor_CharacterLiteral, CXCursor_StringLiteral,          CXCursor_CStyleCastExpr,
    CXCursor_BinaryOperator,   CXCursor_CompoundAssignOperator, CXCursor_ConditionalOperator,
    CXCursor_UnaryExpr,
};

static int ao_value_kind(enum CXCursorKind kind)
{
    for (size_t i = 0; i < sizeof(ao_value_kinds) / sizeof(ao_value_kinds[0]); i++) {
        if (ao_value_kinds[i] == kind)
            return 1;
    }
    return 0;
}

/* Nonzero when e is no lvalue in C, so no operator writes it: a value kind, or a value
 * converted from an lvalue (an implicit conversion: one child), in parentheses or not. */
static int ao_converted(struct rule_atomics_kids *k, CXCursor e)
{
    CXCursor inner;

    for (unsigned depth = 0; depth < 64; depth++) {
        enum CXCursorKind kind = clang_getCursorKind(e);
        if (kind == CXCursor_UnexposedExpr)
            return rule_atomics_kids_get(&inner, 1, k, e) == 1;
        if (kind != CXCursor_ParenExpr)
            return ao_value_kind(kind);
        if (rule_atomics_kids_get(&inner, 1, k, e) != 1)
            return 0;
        e = inner;
    }
    return 0;
}

static int is_assign(struct rule_ctx *rc, CXCursor op)
{
    struct rule_atomics_kids *k = rule_atomics_unit_kids(rc);
    CXCursor operands[2];

    if (rule_atomics_kids_get(operands, 2, k, op) != 2 || ao_converted(k, operands[0]))
        return 0;
    return rule_atomics_opcode(rc, op) == ECG_OP_ASSIGN;
}

static int is_increment(struct rule_ctx *rc, CXCursor op)
{
    struct rule_atomics_kids *k = rule_atomics_unit_kids(rc);
    CXCursor operand;
    enum ecg_op code;

    if (rule_atomics_kids_get(&operand, 1, k, op) != 1 || ao_converted(k, operand))
        return 0;
    code = rule_atomics_opcode(rc, op);
    return code >= ECG_OP_PREINC && code <= ECG_OP_POSTDEC;
}

/* The verdict test gives for op, asked once per operator (each time when memory ran out). */
static int ao_verdict(struct rule_ctx *rc, CXCursor op, int increment,
                      int (*test)(struct rule_ctx *, CXCursor))
{
    struct ao_cache *c = NULL;
    struct ao_slot *slot = ao_find(&c, rc, op);
    enum ao_known known;

    if (slot == NULL)
        return test(rc, op);
    known = increment ? slot->increment : slot->assign;
    if (known == AO_UNASKED) {
        known = test(rc, op) ? AO_YES : AO_NO;
        /* the test may have grown the table: find the slot again */
        slot = ao_find(&c, rc, op);
        if (slot != NULL && increment)
            slot->increment = known;
        else if (slot != NULL)
            slot->assign = known;
    }
    return known == AO_YES;
}

int rule_atomics_is_assign(struct rule_ctx *rc, CXCursor op)
{
    if (clang_getCursorKind(op) != CXCursor_BinaryOperator)
        return 0;
    return ao_verdict(rc, op, 0, is_assign);
}

int rule_atomics_is_increment(struct rule_ctx *rc, CXCursor op)
{
    if (clang_getCursorKind(op) != CXCursor_UnaryOperator)
        return 0;
    return ao_verdict(rc, op, 1, is_increment);
}

int rule_atomics_is_deref(struct rule_ctx *rc, CXCursor op)
{
    CXCursor operand;

    if (clang_getCursorKind(op) != CXCursor_UnaryOperator ||
        rule_atomics_unit_children(&operand, 1, rc, op) != 1)
        return 0;
    if (clang_getCanonicalType(clang_getCursorType(operand)).kind != CXType_Pointer)
        return 0;
    return rule_atomics_opcode(rc, op) == ECG_OP_DEREF;
}
