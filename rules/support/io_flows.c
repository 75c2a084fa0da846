/* Taint flows of the arithmetic category, judged and reported for the overflow rule: the
 * bounds an operand lacks, whether the flow reads as a number taken in directly, which
 * allocation or copy the result sizes, and the finding with its steps. */
#include "rules/support/io_flows.h"

#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/intrange.h"
#include "rules/support/io_context.h"

#define IO_NAME_MAX 128

const char *rule_io_flows_op_noun(enum ecg_op op)
{
    switch (op) {
    case ECG_OP_ADD:
        return "addition";
    case ECG_OP_SUB:
        return "subtraction";
    case ECG_OP_MUL:
        return "multiplication";
    case ECG_OP_PREINC:
    case ECG_OP_POSTINC:
        return "increment";
    default:
        return "decrement";
    }
}

/* Nonzero when the tree says the flow's operator cannot overflow whatever the operand: a
 * hash update, a promoted narrow operand, a harmless other operand, a pointer difference. */
static int io_flow_harmless(const struct ecg_taint_flow *flow, const CXCursor ops[2], size_t n,
                            const struct rule_intrange_type *node, unsigned stored, int accum)
{
    unsigned arg = flow->arg < n ? flow->arg : 0;
    struct rule_intrange_type operand;

    if (!rule_intrange_type(&operand, clang_getCursorType(ops[arg])))
        return 1;
    if (accum)
        return 1;
    if (rule_io_context_promoted_safe(ops[arg], node, stored))
        return 1;
    return n == 2 && rule_io_context_harmless_other(ops[1 - arg], flow->op);
}

/* The bounds a flow carries for its operand. A conversion to a narrow type bounds a
 * variable to that type, which says nothing of whether arithmetic in that type overflows:
 * only checks count there. */
static unsigned io_flow_bounds(const struct ecg_taint_flow *flow, CXCursor operand)
{
    struct rule_intrange_type t;
    unsigned bounds = flow->bounds & RULE_INTRANGE_BOTH;

    if (bounds == RULE_INTRANGE_BOTH &&
        rule_intrange_type(&t, clang_getCursorType(rule_expr_strip(operand))) && t.bytes < 4 &&
        !clang_Cursor_isNull(rule_intrange_var(operand)))
        return 0;
    return bounds;
}

/* The bounds the operand of a flow lacks, or 0 when it cannot overflow. */
unsigned rule_io_flows_missing(const struct ecg_taint_flow *flow, const unsigned char *guards,
                               unsigned stored, int accum)
{
    struct rule_intrange_type node;
    CXCursor ops[2] = { clang_getNullCursor(), clang_getNullCursor() };
    size_t n = rule_io_context_operands(ops, flow->sink);
    unsigned arg = flow->arg < n ? flow->arg : 0;
    unsigned bounds;

    if (n == 0 || !rule_intrange_type(&node, clang_getCursorType(flow->sink)) ||
        io_flow_harmless(flow, ops, n, &node, stored, accum))
        return 0;
    bounds = io_flow_bounds(flow, ops[arg]);
    if (guards != NULL)
        bounds |= guards[arg];
    return rule_io_context_needed(flow->op, arg, node.is_signed) & ~bounds;
}

/* The call whose size or allocation argument holds the operator, from the flows of those
 * categories; NULL when there is none. */
const char *rule_io_flows_feeds(const struct ecg_taint_flows *flows, CXCursor sink)
{
    CXSourceRange r = clang_getCursorExtent(sink);
    unsigned begin, end;

    clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &begin);
    clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &end);
    for (size_t i = 0; i < flows->len; i++) {
        const struct ecg_taint_flow *f = &flows->items[i];
        CXSourceRange cr;
        CXFile a, b;
        unsigned cb, ce;
        if (f->category != ECG_TAINT_ALLOC && f->category != ECG_TAINT_SIZE)
            continue;
        cr = clang_getCursorExtent(f->sink);
        clang_getExpansionLocation(clang_getRangeStart(cr), &a, NULL, NULL, &cb);
        clang_getExpansionLocation(clang_getRangeStart(r), &b, NULL, NULL, NULL);
        clang_getExpansionLocation(clang_getRangeEnd(cr), NULL, NULL, NULL, &ce);
        if (a == b && cb <= begin && end <= ce)
            return f->sink_name;
    }
    return NULL;
}

/* Nonzero when no step of the flow goes through the fields of a struct passed around
 * (`p->len`, written into an object by a callee): there the engine's object-level joins
 * taint fields the source never reached, and at most max_steps steps. */
int rule_io_flows_plain(const struct ecg_taint_flow *flow, size_t max_steps)
{
    if (flow->n_steps > max_steps)
        return 0;
    for (size_t i = 0; i < flow->n_steps; i++) {
        const char *text = flow->steps[i].text;
        if (text != NULL && (strstr(text, "->") != NULL || strstr(text, "written into") != NULL))
            return 0;
    }
    return 1;
}

/* Nonzero when the data reaches the operator the way a value read as a number does: a
 * variable operand and a short plain flow (the source, a copy, a call or two). Other flows
 * report only when the result sizes an allocation or a copy. */
int rule_io_flows_direct(const struct ecg_taint_flow *flow, size_t max_steps)
{
    CXCursor ops[2];
    size_t n = rule_io_context_operands(ops, flow->sink);

    if (n == 0 || clang_Cursor_isNull(rule_intrange_var(ops[flow->arg < n ? flow->arg : 0])))
        return 0;
    return rule_io_flows_plain(flow, max_steps);
}

void rule_io_flows_report(struct rule_ctx *rc, const struct ecg_taint_flow *flow, unsigned missing,
                          const char *feeds)
{
    CXCursor ops[2] = { clang_getNullCursor(), clang_getNullCursor() };
    size_t n = rule_io_context_operands(ops, flow->sink);
    CXCursor var =
        n > 0 ? rule_intrange_var(ops[flow->arg < n ? flow->arg : 0]) : clang_getNullCursor();
    char name[IO_NAME_MAX] = "the operand";
    char what[IO_NAME_MAX + 8];
    const char *dir = missing == RULE_INTRANGE_BOTH    ? "in range"
                      : missing == RULE_INTRANGE_UPPER ? "above"
                                                       : "below";
    struct ecg_finding *f;

    if (!clang_Cursor_isNull(var))
        rule_cursor_name(var, name, sizeof(name));
    snprintf(what, sizeof(what), clang_Cursor_isNull(var) ? "%s" : "'%s'", name);
    if (feeds != NULL)
        f = rule_report(rc, flow->sink,
                        "this %s can overflow: %s comes from %s and no check bounds it %s, and "
                        "the result sizes '%s'; check it against the limit first",
                        rule_io_flows_op_noun(flow->op), what,
                        ecg_taint_source_phrase(flow->source), dir, feeds);
    else
        f = rule_report(rc, flow->sink,
                        "this %s can overflow: %s comes from %s and no check bounds it %s; "
                        "check it against the limit first",
                        rule_io_flows_op_noun(flow->op), what,
                        ecg_taint_source_phrase(flow->source), dir);
    rule_add_flow_steps(rc, f, flow);
}

/* Nonzero when the flow's operand is a variable narrower than int: a random number stored
 * there spans the whole of its type (RAND_MAX is at least 32767). */
static int io_narrow_operand(const struct ecg_taint_flow *flow)
{
    CXCursor ops[2];
    size_t n = rule_io_context_operands(ops, flow->sink);
    struct rule_intrange_type type;
    CXCursor var;

    if (n == 0)
        return 0;
    var = rule_intrange_var(ops[flow->arg < n ? flow->arg : 0]);
    return !clang_Cursor_isNull(var) && rule_intrange_type(&type, clang_getCursorType(var)) &&
           type.bytes < sizeof(int);
}

/* Nonzero when the flow's random number was widened past RAND_MAX: its source lies in a
 * full expression that shifts left (`(rand() << 15) ^ rand()`). rand() % n, rand() + 1 and
 * their kin stay within the generator's range. A source in another unit is kept. */
int rule_io_flows_random_widened(const struct ecg_taint_flow *flow, const struct rule_io_span *wide,
                                 size_t n_wide)
{
    CXFile file;
    unsigned off;

    if (flow->n_steps == 0 || flow->steps[0].path != NULL || io_narrow_operand(flow))
        return 1;
    clang_getExpansionLocation(clang_getRangeStart(flow->steps[0].range), &file, NULL, NULL, &off);
    for (size_t i = 0; i < n_wide; i++) {
        if (wide[i].file == file && off >= wide[i].start && off <= wide[i].end)
            return 1;
    }
    return 0;
}

/* Nonzero for the sources whose numbers count when the result is only printed or compared:
 * whoever talks to the program as it runs (standard input, the network), a random generator
 * and configured sources. The command line, the environment, files and descriptors (kernel
 * /proc files, configuration) belong to whoever runs the program; they count only when the
 * result sizes an allocation or a copy. */
int rule_io_flows_runtime_source(enum ecg_taint_source_kind kind)
{
    static const unsigned char runtime[ECG_TAINT_SOURCE_KINDS] = {
        [ECG_TAINT_FROM_ARGV] = 0,   [ECG_TAINT_FROM_ENV] = 0,  [ECG_TAINT_FROM_STDIN] = 1,
        [ECG_TAINT_FROM_FILE] = 0,   [ECG_TAINT_FROM_FD] = 0,   [ECG_TAINT_FROM_NETWORK] = 1,
        [ECG_TAINT_FROM_RANDOM] = 1, [ECG_TAINT_FROM_USER] = 1,
    };

    return (unsigned)kind < ECG_TAINT_SOURCE_KINDS && runtime[kind];
}
