/* Pointer states across translation units, for rules whose analyses know a pointer's state
 * (NULL, released, an unchecked allocation, a buffer of known size, an allocation to
 * release): where such a value leaves the unit (an argument of another unit's function, a
 * global, a return value) the rule exports what it knows; where a value enters (a parameter,
 * what a parameter points to, a global, another unit's result) it reads what other units
 * said. The run links the facts by name (analyzer/taint_xunit.h) and analyses again the
 * units whose seeds changed. A rule using this sets needs_xvalue in its descriptor. */
#ifndef ECG_RULES_SUPPORT_XVALUE_H
#define ECG_RULES_SUPPORT_XVALUE_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/taint_xunit.h"
#include "rules/rule.h"

/* Where a value read in this unit comes from, when another unit can say what it is. */
struct rule_xplace {
    uint8_t what;    /* ECG_XF_ARG, ECG_XF_RET or ECG_XF_GLOBAL */
    uint8_t pointee; /* the value is what the parameter (global, result) points to */
    uint32_t index;  /* ECG_XF_ARG: the parameter, from 0 */
    char name[128];  /* the function (ARG, RET) or the global */
    char field[128]; /* the member of the value (or of what it points to); "": all of it */
};

/* Classifies a read. expr, parentheses and casts looked through, is
 *  - a parameter p of fn (a function definition with external linkage): ARG(fn, i);
 *  - *p or p[k]: ARG(fn, i) pointee; also through a local initialised from (a cast of) p;
 *  - s.f of a struct parameter s passed by value: ARG field "f"; p->f: ARG pointee field "f";
 *  - a global g with external linkage, or g.f: GLOBAL(g), field "f";
 *  - a call to a function the unit does not define and no system header declares: RET.
 * Returns 1 and fills *out, else 0. */
int rule_xvalue_place_of(struct rule_xplace *out, CXCursor fn, CXCursor expr);

/* The seed of kind value (enum ecg_xvalue) other units gave for place: for ECG_XV_BUFFER the
 * smallest buffer, for ECG_XV_STRING the longest string. NULL when there is none. The question is
 * recorded: other units' facts reach a unit only at the places and states its rules asked about, so
 * ask where the answer would change a finding (at the sink), not for every parameter up front,
 * and say when it would (rule_xvalue_seed_when): each fact delivered can make the unit be
 * analysed again. */
const struct ecg_xfact *rule_xvalue_seed(const struct rule_ctx *rc, const struct rule_xplace *place,
                                         uint8_t value);

/* When another unit's answer to a question matters (see ecg_taint_xunit_want_key): the link
 * delivers a fact, and the unit is analysed again for it, only when the fact would change what
 * the rule reports or hands on. */
struct rule_xwhen {
    int64_t bound; /* ECG_XV_BUFFER: only a buffer of fewer than bound bytes matters (the write
                      needs bound); ECG_XV_STRING: only a string of at least bound characters;
                      0: any */
    const struct rule_xplace *relay; /* the value is only handed on, unchanged, to this place
                                        (rule_xvalue_arg_place ...): it matters where a unit
                                        receiving that place asks about it; NULL: here */
};

/* rule_xvalue_seed, asked under a condition (NULL: none). */
const struct ecg_xfact *rule_xvalue_seed_when(const struct rule_ctx *rc,
                                              const struct rule_xplace *place, uint8_t value,
                                              const struct rule_xwhen *when);

/* The place argument arg (from 0) of call takes in another unit, at pointee and field as
 * struct ecg_xfact says, when the call leaves the unit (rule_xvalue_external_callee): 1 and
 * *out, else 0. */
int rule_xvalue_arg_place(struct rule_xplace *out, CXCursor call, unsigned arg, int pointee,
                          const char *field);

/* The place of the result of fn (a definition with external linkage): 1 and *out, else 0. */
int rule_xvalue_return_place(struct rule_xplace *out, CXCursor fn);

/* The place of the global var (a declaration with external linkage): 1 and *out, else 0. */
int rule_xvalue_global_place(struct rule_xplace *out, CXCursor var);

/* rule_xvalue_place_of, then rule_xvalue_seed. */
const struct ecg_xfact *rule_xvalue_seed_of(const struct rule_ctx *rc, CXCursor fn, CXCursor expr,
                                            uint8_t value);

/* Appends seed's steps (places in other files) to f's flow. */
void rule_xvalue_add_steps(struct rule_ctx *rc, struct ecg_finding *f,
                           const struct ecg_xfact *seed);

/* What a rule knows of a value as it leaves the unit. */
struct rule_xout {
    uint8_t value; /* enum ecg_xvalue, not ECG_XV_TAINT */
    int64_t
        size; /* ECG_XV_BUFFER, ECG_XV_UNCHECKED: bytes; ECG_XV_STRING: characters; -1 unknown */
    const struct ecg_xorigin *prior; /* the value came from a seed: its steps go first; NULL */
    CXSourceRange where;             /* where the state arose in this unit; null range: none */
    const char *what_happened;       /* the step's text at where: "'data' is set to NULL" */
};

/* The function a call calls when that function is defined in no file of this unit, has
 * external linkage and no system header declares it: a direct call, or a call through a
 * local function pointer initialised with that function (rules/support/calltarget.h).
 * Writes its name to buf and returns buf, else returns NULL. */
const char *rule_xvalue_external_callee(CXCursor call, char *buf, size_t size);

/* How an argument expression hands a local variable's value to a callee. */
enum rule_xarg_shape {
    RULE_XARG_OTHER,     /* anything else */
    RULE_XARG_VALUE,     /* v: the value itself */
    RULE_XARG_ADDRESS,   /* &v (maybe cast, e.g. to void *): what the argument points to */
    RULE_XARG_AGGREGATE, /* an array variable (its elements) or a struct variable passed by
                            value (its members) */
};

/* The shape of argument arg and, unless RULE_XARG_OTHER, the variable's declaration. */
enum rule_xarg_shape rule_xvalue_arg_shape(CXCursor *out_var, CXCursor arg);

/* Calls visit for each assignment in fn that stores into an element or member of the local
 * aggregate var: "var[k] = rhs" (field "") or "var.f = rhs" (field "f"), in source order. */
typedef void (*rule_xvalue_store_fn)(void *arg, const char *field, CXCursor assignment,
                                     CXCursor rhs);
void rule_xvalue_stores_into(CXCursor fn, CXCursor var, rule_xvalue_store_fn visit, void *arg);

/* Exports out for argument arg (from 0) of call, at pointee and field as struct ecg_xfact
 * says, when the call leaves the unit (rule_xvalue_external_callee); else does nothing. Its
 * steps: out->prior's, out->where's, then "passed to callee() as argument N" at the call. */
void rule_xvalue_export_arg(struct rule_ctx *rc, CXCursor call, unsigned arg, int pointee,
                            const char *field, const struct rule_xout *out);

/* Exports out for the global var (a declaration with external linkage), stored at at. */
void rule_xvalue_export_global(struct rule_ctx *rc, CXCursor var, CXCursor at,
                               const struct rule_xout *out);

/* Exports out as the result of fn (a definition with external linkage) at its return ret. */
void rule_xvalue_export_return(struct rule_ctx *rc, CXCursor fn, CXCursor ret,
                               const struct rule_xout *out);

/* Nonzero when decl (a variable or function) has external linkage. */
int rule_xvalue_external(CXCursor decl);

#endif
