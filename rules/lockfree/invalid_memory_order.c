/* lockfree-invalid-memory-order: memory orders C11 forbids for the operation (a release
 * load, an acquire store, a compare-exchange failure order that releases or is stronger
 * than its success order) and constants that name no order.
 * Known gaps: orders held in variables or parameters are not followed. */
#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"
#include "rules/support/atomics.h"
#include "rules/support/atomics_unit.h"

/* What the operation should use instead, for the message. */
struct imo_problem {
    const char *what;    /* why the order is invalid */
    const char *use;     /* the order to use instead */
    int on_failure;      /* 1: the failure order of a compare-exchange is at fault */
    int against_success; /* 1: the failure order is stronger than the success order */
};

/* The strength of the load a compare-exchange performs with the order. */
static int load_strength(enum rule_atomics_order order)
{
    switch (order) {
    case RULE_ATOMICS_RELAXED:
    case RULE_ATOMICS_RELEASE:
        return 0;
    case RULE_ATOMICS_CONSUME:
        return 1;
    case RULE_ATOMICS_ACQUIRE:
    case RULE_ATOMICS_ACQ_REL:
        return 2;
    case RULE_ATOMICS_SEQ_CST:
        return 3;
    case RULE_ATOMICS_ORDER_UNKNOWN:
    case RULE_ATOMICS_ORDER_INVALID:
        return -1;
    }
    return -1;
}

static int load_problem(struct imo_problem *out, enum rule_atomics_order order)
{
    if (order != RULE_ATOMICS_RELEASE && order != RULE_ATOMICS_ACQ_REL)
        return 0;
    out->what = "a load cannot release";
    out->use = "memory_order_acquire (to pair with a release store) or memory_order_relaxed";
    return 1;
}

static int store_problem(struct imo_problem *out, enum rule_atomics_order order)
{
    if (order != RULE_ATOMICS_ACQUIRE && order != RULE_ATOMICS_CONSUME &&
        order != RULE_ATOMICS_ACQ_REL)
        return 0;
    out->what = "a store cannot acquire";
    out->use = "memory_order_release (to publish what was written before) or "
               "memory_order_relaxed";
    return 1;
}

/* The success order that would admit the failure order. */
static const char *success_for(enum rule_atomics_order success, enum rule_atomics_order failure)
{
    if (failure == RULE_ATOMICS_SEQ_CST)
        return "memory_order_seq_cst";
    if (success == RULE_ATOMICS_RELEASE)
        return "memory_order_acq_rel";
    return failure == RULE_ATOMICS_CONSUME ? "memory_order_consume" : "memory_order_acquire";
}

static int cas_problem(struct imo_problem *out, struct rule_ctx *rc,
                       const struct rule_atomics_op *op)
{
    enum rule_atomics_order failure = op->failure.order;
    int fs = load_strength(failure);
    int ss = load_strength(op->order.order);

    out->on_failure = 1;
    if (failure == RULE_ATOMICS_RELEASE || failure == RULE_ATOMICS_ACQ_REL) {
        out->what = "the failure path only loads, so its order cannot release";
        out->use = failure == RULE_ATOMICS_RELEASE ? "memory_order_relaxed as the failure order"
                                                   : "memory_order_acquire as the failure order";
        return 1;
    }
    if (!rule_option_bool(rc, "failure_stronger_than_success") || fs < 0 || ss < 0 || fs <= ss)
        return 0;
    out->against_success = 1;
    out->what = "the failure order may not be stronger than the success order";
    out->use = success_for(op->order.order, failure);
    return 1;
}

static int find_problem(struct imo_problem *out, struct rule_ctx *rc,
                        const struct rule_atomics_op *op)
{
    switch (op->kind) {
    case RULE_ATOMICS_LOAD:
        return load_problem(out, op->order.order);
    case RULE_ATOMICS_STORE:
        return store_problem(out, op->order.order);
    case RULE_ATOMICS_CAS_STRONG:
    case RULE_ATOMICS_CAS_WEAK:
        return cas_problem(out, rc, op);
    case RULE_ATOMICS_EXCHANGE:
    case RULE_ATOMICS_FETCH_OP:
    case RULE_ATOMICS_FENCE:
    case RULE_ATOMICS_INIT:
        return 0;
    }
    return 0;
}

static const char *object_name(const struct rule_atomics_op *op, char *buf, size_t size)
{
    CXCursor decl = rule_atomics_object_decl(op);

    if (rule_atomics_null(decl))
        return "the object";
    rule_cursor_name(decl, buf, size);
    return buf;
}

/* A constant that is no memory order: undefined behaviour for every operation. */
static void report_invalid_constant(struct rule_ctx *rc, const struct rule_atomics_op *op,
                                    const struct rule_atomics_order_arg *arg)
{
    struct ecg_finding *f;

    f = rule_report(rc, op->expr,
                    "'%s' is given %lld as a memory order, which names none; use one of the "
                    "memory_order_* enumerators (0 to 5)",
                    op->name, arg->value);
    if (f != NULL)
        rule_add_related(rc, f, arg->range, "the order argument");
}

static void report_problem(struct rule_ctx *rc, const struct rule_atomics_op *op,
                           const struct imo_problem *p)
{
    char name[128];
    struct ecg_finding *f;
    const struct rule_atomics_order_arg *bad = p->on_failure ? &op->failure : &op->order;

    if (p->against_success) {
        f = rule_report(rc, op->expr,
                        "'%s' on '%s' has failure order memory_order_%s but success order "
                        "memory_order_%s: %s; use %s as the success order or weaken the "
                        "failure order",
                        op->name, object_name(op, name, sizeof(name)),
                        rule_atomics_order_name(op->failure.order),
                        rule_atomics_order_name(op->order.order), p->what, p->use);
    } else {
        f = rule_report(rc, op->expr, "'%s' on '%s' uses memory_order_%s, but %s; use %s", op->name,
                        object_name(op, name, sizeof(name)), rule_atomics_order_name(bad->order),
                        p->what, p->use);
    }
    if (f == NULL)
        return;
    if (p->on_failure)
        rule_add_related(rc, f, op->order.range, "success order: memory_order_%s",
                         rule_atomics_order_name(op->order.order));
    rule_add_related(rc, f, bad->range, "%s order: memory_order_%s",
                     p->on_failure ? "failure" : "the", rule_atomics_order_name(bad->order));
}

/* A wrapper call whose orders are all the wrapper's own: its body was checked, not the call. */
static int orders_fixed_by_wrapper(const struct rule_atomics_op *op)
{
    return op->wrapper != NULL && rule_atomics_null(op->order.expr) &&
           (!op->has_failure || rule_atomics_null(op->failure.expr));
}

/* Operations whose orders nobody wrote: implicit ones, __sync_*, atomic_init, and wrapper
 * calls whose orders are the wrapper's. */
static int no_written_order(const struct rule_atomics_op *op)
{
    return op->family == RULE_ATOMICS_IMPLICIT || op->family == RULE_ATOMICS_SYNC ||
           op->kind == RULE_ATOMICS_INIT || orders_fixed_by_wrapper(op);
}

static void imo_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    struct rule_atomics_op op;
    struct imo_problem p = { NULL, NULL, 0, 0 };

    if (!rule_atomics_read(&op, rc, cursor) || no_written_order(&op))
        return;
    if (op.order.order == RULE_ATOMICS_ORDER_INVALID) {
        report_invalid_constant(rc, &op, &op.order);
        return;
    }
    if (op.has_failure && op.failure.order == RULE_ATOMICS_ORDER_INVALID) {
        report_invalid_constant(rc, &op, &op.failure);
        return;
    }
    if (find_problem(&p, rc, &op))
        report_problem(rc, &op, &p);
}

/* The lock-free rules read atomic operations through one shared reader per unit. */
static void imo_on_unit_begin(struct rule_ctx *rc)
{
    rule_atomics_join(rc);
}

static const struct rule_option imo_options[] = {
    { "failure_stronger_than_success", RULE_OPT_BOOL, "true",
      "report a compare-exchange whose failure order is stronger than its success order "
      "(C11 and C17 forbid it; C++17 and GCC's builtins accept it)",
      NULL },
    RULE_ATOMICS_WRAPPERS_OPTION,
};

const struct rule_desc rule_lockfree_invalid_memory_order = {
    .id = "lockfree-invalid-memory-order",
    .title = "Memory order not allowed for the atomic operation",
    .summary = "Flags atomic operations given a memory order the C11 standard forbids.",
    .description = "A load cannot release and a store cannot acquire; the failure order of a "
                   "compare-exchange cannot release and may not be stronger than its success "
                   "order. C11 makes such calls undefined; compilers silently strengthen or "
                   "weaken the order, so the ordering the author meant is not what runs. "
                   "Covers atomic_*_explicit, the __c11_atomic_* and __atomic_* builtins, "
                   "with orders written as enumerators, __ATOMIC_* macros or integers.",
    .tags = "lockfree,concurrency",
    .precision = "very-high",
    .level = ECG_LEVEL_WARNING,
    .options = imo_options,
    .n_options = sizeof(imo_options) / sizeof(imo_options[0]),
    .kinds = { RULE_ATOMICS_CURSOR_KINDS },
    .on_cursor = imo_on_cursor,
    .on_unit_begin = imo_on_unit_begin,
};
