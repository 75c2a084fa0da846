/* lockfree-non-lockfree-atomic: '_Atomic' written on a type the target cannot update with one
 * atomic instruction (larger than max_lock_free_size, or a size that is not a power of two),
 * which the compiler silently implements with a lock in libatomic.
 * Known gaps: '_Atomic' reached through a typedef is reported once, at the typedef; casts to
 * atomic types and the target's real lock-free limit (-mcx16, 32-bit targets) are not read. */
#include <stdio.h>

#include "rules/rule.h"
#include "rules/support/atomics_cursor.h"

/* The atomic type written directly in t, through arrays and pointers but not through
 * typedefs (the typedef is where '_Atomic' was written); a type of kind CXType_Invalid when
 * there is none. */
static CXType nla_written_atomic(CXType t)
{
    for (int depth = 0; depth < 16; depth++) {
        switch (t.kind) {
        case CXType_Atomic:
            return t;
        case CXType_ConstantArray:
        case CXType_IncompleteArray:
        case CXType_VariableArray:
            t = clang_getArrayElementType(t);
            break;
        case CXType_Pointer:
            t = clang_getPointeeType(t);
            break;
        default:
            t.kind = CXType_Invalid;
            return t;
        }
    }
    t.kind = CXType_Invalid;
    return t;
}

static long long nla_next_power_of_two(long long n)
{
    long long p = 1;

    while (p < n && p < (1LL << 40))
        p *= 2;
    return p;
}

static void nla_report(struct rule_ctx *rc, CXCursor decl, CXType value, long long size)
{
    long long max = rule_option_int(rc, "max_lock_free_size");
    CXString ts = clang_getTypeSpelling(value);
    char type[256];
    struct ecg_finding *f;
    CXCursor def = clang_getTypeDeclaration(clang_getCanonicalType(value));

    snprintf(type, sizeof(type), "%s", clang_getCString(ts));
    clang_disposeString(ts);
    if (size > max)
        f = rule_report(rc, decl,
                        "'_Atomic %s' is %lld bytes, more than the %lld bytes the target updates "
                        "in one instruction, so every access takes a lock inside libatomic (not "
                        "lock-free, not async-signal-safe); publish a pointer to an immutable copy "
                        "with an atomic pointer, use a sequence lock, or take a mutex openly",
                        type, size, max);
    else
        f = rule_report(rc, decl,
                        "'_Atomic %s' is %lld bytes, not a power of two: GCC implements it with a "
                        "lock inside libatomic (clang pads it); pad the type to %lld bytes",
                        type, size, nla_next_power_of_two(size));
    if (f != NULL && !rule_atomics_null(def) && clang_getCursorKind(def) != CXCursor_NoDeclFound)
        rule_add_related(rc, f, clang_getCursorExtent(def), "'%s' is defined here (%lld bytes)",
                         type, size);
}

static void nla_on_decl(struct rule_ctx *rc, CXCursor decl)
{
    CXType t = clang_getCursorKind(decl) == CXCursor_TypedefDecl
                   ? clang_getTypedefDeclUnderlyingType(decl)
                   : clang_getCursorType(decl);
    CXType atomic = nla_written_atomic(t);
    CXType value;
    long long size;

    if (atomic.kind != CXType_Atomic)
        return;
    value = clang_Type_getValueType(atomic);
    size = clang_Type_getSizeOf(value);
    if (size <= 0)
        return; /* incomplete or invalid: nothing to judge */
    if (size > rule_option_int(rc, "max_lock_free_size") || (size & (size - 1)) != 0)
        nla_report(rc, decl, value, size);
}

static const struct rule_option nla_options[] = {
    { "max_lock_free_size", RULE_OPT_INT, "16",
      "the largest size in bytes the target updates lock-free (16 on x86-64 with cmpxchg16b "
      "and AArch64; 8 on x86-64 built by GCC without -mcx16 and on most 32-bit targets)",
      NULL },
};

const struct rule_desc rule_lockfree_non_lockfree_atomic = {
    .id = "lockfree-non-lockfree-atomic",
    .title = "_Atomic type that is not lock-free",
    .summary = "Flags _Atomic on types the target cannot make lock-free, which silently take a "
               "lock.",
    .description = "An _Atomic object larger than the target's widest atomic instruction, or "
                   "whose size is not a power of two, is implemented by libatomic with a hidden "
                   "lock: it is not lock-free, not async-signal-safe, and can deadlock in a "
                   "signal handler. Publish a pointer to an immutable copy, use a sequence lock, "
                   "or pad the type to a power of two.",
    .tags = "lockfree,concurrency",
    .precision = "very-high",
    .level = ECG_LEVEL_WARNING,
    .options = nla_options,
    .n_options = sizeof(nla_options) / sizeof(nla_options[0]),
    .kinds = { CXCursor_VarDecl, CXCursor_FieldDecl, CXCursor_ParmDecl, CXCursor_TypedefDecl },
    .on_cursor = nla_on_decl,
};
