/* The one recognizer of atomic operations for the lockfree rules: C11 <stdatomic.h> and the
 * __c11_atomic_* builtins, GCC's __atomic_* and __sync_* builtins, and plain accesses to
 * _Atomic objects. libclang shows the builtins as unexposed expressions, so the operation is
 * named from the token written at the use (or the body of the macro written there). Rules
 * read through atomics_unit.h, which adds wrappers (atomics_wrap.h) and caches each reading. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_H
#define ECG_RULES_SUPPORT_ATOMICS_H

#include <clang-c/Index.h>

struct rule_atomics_kids;

/* The cursor kinds an atomic operation can have: list them in a rule's .kinds and pass every
 * such cursor to rule_atomics_match (it is cheap on the many that are not atomics). */
#define RULE_ATOMICS_CURSOR_KINDS                                                                  \
    CXCursor_CallExpr, CXCursor_UnexposedExpr, CXCursor_BinaryOperator,                            \
        CXCursor_CompoundAssignOperator, CXCursor_UnaryOperator

enum rule_atomics_kind {
    RULE_ATOMICS_LOAD,
    RULE_ATOMICS_STORE,      /* also atomic_flag_clear, __sync_lock_release */
    RULE_ATOMICS_EXCHANGE,   /* also atomic_flag_test_and_set, __sync_lock_test_and_set */
    RULE_ATOMICS_FETCH_OP,   /* read-modify-write: fetch_add, add_fetch, x++, x += n ... */
    RULE_ATOMICS_CAS_STRONG, /* compare-exchange that fails only when the values differ */
    RULE_ATOMICS_CAS_WEAK,   /* compare-exchange that may fail spuriously */
    RULE_ATOMICS_FENCE,      /* thread and signal fences, __sync_synchronize */
    RULE_ATOMICS_INIT,       /* atomic_init: not an atomic access; no order */
};

enum rule_atomics_family {
    RULE_ATOMICS_C11,      /* atomic_* of <stdatomic.h> and the __c11_atomic_* builtins */
    RULE_ATOMICS_GNU,      /* __atomic_* */
    RULE_ATOMICS_SYNC,     /* __sync_* (full barriers but for lock_test_and_set/release) */
    RULE_ATOMICS_IMPLICIT, /* x = v, x++, x += v, a read of x, with x _Atomic: seq_cst */
};

/* Values are those of the C11 enumerators and the __ATOMIC_* macros. */
enum rule_atomics_order {
    RULE_ATOMICS_RELAXED = 0,
    RULE_ATOMICS_CONSUME = 1,
    RULE_ATOMICS_ACQUIRE = 2,
    RULE_ATOMICS_RELEASE = 3,
    RULE_ATOMICS_ACQ_REL = 4,
    RULE_ATOMICS_SEQ_CST = 5,
    RULE_ATOMICS_ORDER_UNKNOWN, /* not a constant (a parameter, a variable) */
    RULE_ATOMICS_ORDER_INVALID, /* a constant that names no memory order */
};

/* One memory-order operand. */
struct rule_atomics_order_arg {
    enum rule_atomics_order order;
    long long value;     /* the constant (x86 HLE bits of __atomic_* removed); 0 if unknown */
    int implicit;        /* 1: not written by the user (atomic_load, x++, __sync_*): seq_cst */
    CXCursor expr;       /* the order argument; a null cursor when the operation has none */
    CXSourceRange range; /* where it is written; the operation's extent when implicit */
};

/* An atomic operation. Cursors are the walk's (valid while the unit is); name is static. */
struct rule_atomics_op {
    enum rule_atomics_kind kind;
    enum rule_atomics_family family;
    const char *name;    /* "atomic_load_explicit", "__atomic_load_n", "__sync_fetch_and_add",
                            "=", "++", "load" (implicit read)...; the wrapper's name for an
                            operation written through one; never NULL */
    const char *wrapper; /* the wrapper function or macro the operation was written through
                            (atomics_wrap.h), or NULL; valid while the unit's readings are */
    CXCursor expr;       /* the whole operation */
    CXSourceRange range; /* expr's extent, as clang_getCursorExtent gives it: asked once */
    CXCursor object;     /* the object acted on: 'x' for &x, else the pointer expression; null
                            for fences */
    int object_is_ptr;   /* 1: object is a pointer to the object (p in atomic_load(p)) */
    CXCursor value;      /* value stored, operand, or desired value; null when none. A pointer to
                            it for the generic __atomic_store/exchange/compare_exchange forms */
    CXCursor expected;   /* compare-exchange: the expected-value argument; else null */
    struct rule_atomics_order_arg order;   /* the order; a compare-exchange's success order */
    struct rule_atomics_order_arg failure; /* a compare-exchange's failure order (has_failure) */
    int has_failure;
};

/* When expr (a cursor of tu) is an atomic operation, describes it in *out and returns 1;
 * returns 0 otherwise, leaving *out untouched. Looks at expr, its direct children and at
 * most one token or macro definition; never walks a subtree. A compare-exchange whose
 * weakness is an argument that is not constant counts as weak. A builtin behind two levels
 * of user macros (a macro whose body names another user macro) is not recognized. */
int rule_atomics_match(struct rule_atomics_op *out, CXTranslationUnit tu, CXCursor expr);

/* As rule_atomics_match, visiting children through the unit's memo kids (atomics_kids.h;
 * NULL: plain visits). The same answers. */
int rule_atomics_match_memo(struct rule_atomics_op *out, CXTranslationUnit tu,
                            struct rule_atomics_kids *kids, CXCursor expr);

/* The first children of an expression, gathered by one visit. */
#define RULE_ATOMICS_MAX_CHILDREN 6 /* children of the largest atomic expression */
struct rule_atomics_children {
    CXCursor c[RULE_ATOMICS_MAX_CHILDREN];
    unsigned n; /* children counted; the count stops at RULE_ATOMICS_MAX_CHILDREN + 1 */
};

/* Gathers expr's first children into *out. */
void rule_atomics_children_of(struct rule_atomics_children *out, CXCursor expr);

/* As rule_atomics_children_of, through the memo kids (NULL: a visit). */
void rule_atomics_children_memo(struct rule_atomics_children *out, struct rule_atomics_kids *kids,
                                CXCursor expr);

/* As rule_atomics_match for an unexposed expression whose children *ch holds (so a caller
 * that shares one visit of them between several readers pays it once). */
int rule_atomics_match_unexposed(struct rule_atomics_op *out, CXTranslationUnit tu, CXCursor expr,
                                 const struct rule_atomics_children *ch);

/* As rule_atomics_match_unexposed, visiting further children through the memo kids. */
int rule_atomics_match_unexposed_memo(struct rule_atomics_op *out, CXTranslationUnit tu,
                                      struct rule_atomics_kids *kids, CXCursor expr,
                                      const struct rule_atomics_children *ch);

/* Looks through parentheses, one-operand conversions, written casts and comma expressions
 * (to their right operand, as ck's '((void)sizeof(*(d) = (v)), (d))'). */
CXCursor rule_atomics_strip(CXCursor e);

/* As rule_atomics_strip, through the memo kids (NULL: plain visits). */
CXCursor rule_atomics_strip_memo(struct rule_atomics_kids *kids, CXCursor e);

/* Sets op's object from arg: a pointer to the object when pointer is nonzero ('&x' gives
 * the object x, 'p' the pointer p), else the object itself ('*p' gives the pointer p). */
void rule_atomics_set_object(struct rule_atomics_op *op, CXCursor arg, int pointer);

/* As rule_atomics_set_object, through the memo kids (NULL: plain visits). */
void rule_atomics_set_object_memo(struct rule_atomics_op *op, struct rule_atomics_kids *kids,
                                  CXCursor arg, int pointer);

/* Reads the order argument expr of op into *out (its constant value, when it has one). */
void rule_atomics_read_order(struct rule_atomics_order_arg *out, const struct rule_atomics_op *op,
                             CXCursor expr);

/* Nonzero when type (after typedefs) is an _Atomic type. */
int rule_atomics_type_is_atomic(CXType type);

/* The declaration the object of op names: the variable of 'x' or '&x', the field of 's.f',
 * 'p->f' or '&p->f'; a null cursor when the object is reached through a pointer value
 * (atomic_load(p)) or op is a fence. */
CXCursor rule_atomics_object_decl(const struct rule_atomics_op *op);

/* "relaxed", "consume", "acquire", "release", "acq_rel", "seq_cst", "unknown", "invalid". */
const char *rule_atomics_order_name(enum rule_atomics_order order);

/* "load", "store", "exchange", "fetch-op", "compare-exchange", "weak compare-exchange",
 * "fence", "init". */
const char *rule_atomics_kind_name(enum rule_atomics_kind kind);

#endif
