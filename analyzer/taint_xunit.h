/* Taint across translation units: each unit exports a plain-data interface (what source data
 * it passes to functions other units define, returns from or writes through its own
 * functions, stores in globals; which names it defines, calls and reads), the run links the
 * interfaces by name, and a unit whose seeds (the facts of other units that reach it) change
 * is analysed again with them. No libclang types: interfaces outlive their units. */
#ifndef ECG_ANALYZER_TAINT_XUNIT_H
#define ECG_ANALYZER_TAINT_XUNIT_H

#include <stddef.h>
#include <stdint.h>

/* One step of a flow in another unit: a place and what happens there. */
struct ecg_xstep {
    char *path; /* owned; absolute, normalised */
    unsigned line;
    unsigned col;
    unsigned end_line; /* exclusive end */
    unsigned end_col;
    char *text; /* owned */
};

/* How source data got to where a unit hands it on: its kind and its steps, source first. */
struct ecg_xorigin {
    uint8_t kind;            /* enum ecg_taint_source_kind */
    struct ecg_xstep *steps; /* owned */
    size_t n_steps;
};

enum ecg_xfact_what {
    ECG_XF_ARG,    /* name(index): an argument passed to a function of another unit */
    ECG_XF_RET,    /* name's result: returned by a function the unit defines */
    ECG_XF_OUT,    /* what argument index of name points to: written by name */
    ECG_XF_GLOBAL, /* the global name: written by the unit */
};

/* What a fact says. Taint facts come from the taint engine; the others from rules that follow
 * pointer values (rules/support/xvalue.h), which hand on what they know of a pointer where it
 * leaves the unit. */
enum ecg_xvalue {
    ECG_XV_TAINT = 0, /* source data: origin.kind is an enum ecg_taint_source_kind */
    ECG_XV_NULL,      /* the pointer is NULL */
    ECG_XV_FREED,     /* the pointer was released */
    ECG_XV_UNCHECKED, /* an allocation's result, not checked for NULL */
    ECG_XV_BUFFER,    /* points to the start of a buffer of size bytes */
    ECG_XV_OWNED,     /* a live allocation no one else releases: the receiver must */
    ECG_XV_STRING,    /* points to a NUL-terminated string of size characters */
    ECG_XV_KINDS
};

/* One fact: source data (or a pointer's state) at an external name. As a seed, the same
 * record says where the data enters the unit that uses the name. */
struct ecg_xfact {
    uint8_t what;    /* enum ecg_xfact_what */
    uint8_t value;   /* enum ecg_xvalue; sorts first, so a unit's taint seeds come first */
    uint8_t pointee; /* the data is what the value points to, not the value itself */
    uint32_t index;  /* ECG_XF_ARG, ECG_XF_OUT: the argument, from 0 */
    char *name;      /* owned */
    struct ecg_xorigin origin;
    char *field;       /* owned; ECG_XF_ARG with pointee: "struct.field", the one field of what the
                          argument points to that holds the data; "": all of it. A pointer-state
                          fact: the member of the value (or of what it points to) that holds it */
    int64_t size;      /* ECG_XV_BUFFER, ECG_XV_UNCHECKED: bytes; ECG_XV_STRING: characters; -1
                          unknown; else 0. One fact per place and state: the smallest buffer, the
                          longest string. A question (ecg_taint_xunit_want_key): its threshold */
    const char *relay; /* a question only, borrowed: the want key (without condition) of the
                          place the value is handed on to unchanged; NULL for a fact */
};

struct ecg_xfacts {
    struct ecg_xfact *items; /* owned */
    size_t len;
    size_t cap;
};

/* A sorted, duplicate-free list of names. */
struct ecg_xnames {
    char **items; /* owned */
    size_t len;
    size_t cap;
};

/* What one unit offers to and uses from the others. */
struct ecg_xiface {
    struct ecg_xnames defines; /* functions with external linkage it defines */
    struct ecg_xnames calls;   /* functions it calls and does not define (library ones excluded) */
    struct ecg_xnames reads;   /* globals with external linkage its functions name */
    struct ecg_xfacts facts;   /* source data it hands on, in the order found */
    struct ecg_xnames wants;   /* the pointer states its rules asked about, as want keys
                                  (with their conditions): only those are delivered to it */
};

void ecg_xiface_init(struct ecg_xiface *x);
void ecg_xiface_fini(struct ecg_xiface *x);

void ecg_xfacts_fini(struct ecg_xfacts *facts);

void ecg_xnames_fini(struct ecg_xnames *names);

/* Adds name to a sorted name list (once). Returns 0 or ECG_ENOMEM. */
int ecg_taint_xunit_name_add(struct ecg_xnames *names, const char *name);

/* Nonzero when the sorted list holds name. */
int ecg_taint_xunit_name_has(const struct ecg_xnames *names, const char *name);

/* The want key of a question about a pointer state: its value, what, name, index, pointee and
 * field, then the condition under which an answer matters (not the origin), written to buf
 * (truncated to size; ECG_XWANT_KEY_MAX holds any key a rule asks). The conditions, so that a
 * unit is analysed again only for facts that can change what it reports or hands on:
 *  - relay set: the value is handed on unchanged to the place relay names, and a fact matters
 *    only where a unit that receives that place wants it (under any condition; followed
 *    through further relays, as far as the rounds reach);
 *  - else, ECG_XV_BUFFER with size > 0: only a buffer of fewer than size bytes matters (a
 *    write reaches byte size - 1);
 *  - else, ECG_XV_STRING with size > 0: only a string of at least size characters matters;
 *  - else any fact matters.
 * Written as "value|what|name|index|pointee|field", followed for a condition by a tab and
 * "@relay key", "<bytes" or ">characters". */
void ecg_taint_xunit_want_key(char *buf, size_t size, const struct ecg_xfact *f);

#define ECG_XWANT_KEY_MAX 600

/* Appends a deep copy of fact unless a fact of the same (value, what, name, index, pointee,
 * field) is there already: then fact replaces it only if it is a pointer state that is worse
 * (a smaller buffer, a longer string), or the same state with an origin that comes first
 * (the shorter flow, then the earlier steps by path, line and column, then the source kind).
 * Which origin a place keeps so depends only on the origins that reach it, never on the order
 * they were found in. Returns 0 or ECG_ENOMEM. */
int ecg_taint_xunit_fact_add(struct ecg_xfacts *facts, const struct ecg_xfact *fact);

/* The seeds of every unit: for unit u, the facts of the other units at the names u defines
 * (ECG_XF_ARG), calls (ECG_XF_RET, ECG_XF_OUT) and reads (ECG_XF_GLOBAL) — a pointer-state
 * fact only when u wants it (a want key of u's wants names its place and its condition holds
 * for the fact the link picks: ecg_taint_xunit_want_key) — sorted by (value,
 * what, name, index, pointee, field, size); for a place several units provide, the origin
 * that comes first (as in ecg_taint_xunit_fact_add), whatever the order of the units. ifaces may
 * hold NULL for a unit that has none. out[i] is initialised by the call. Returns 0 or ECG_ENOMEM
 * (out untouched beyond what it releases). */
int ecg_taint_xunit_link(struct ecg_xfacts *out, const struct ecg_xiface *const *ifaces, size_t n);

/* Adds to seeds (sorted) the facts of previous, a unit's seeds of the round before, that it
 * lacks, and where both hold a fact keeps the origin that comes first (as in
 * ecg_taint_xunit_fact_add): a unit's seeds only grow, so the rounds end even where two units
 * would hand each other different data round after round.
 * Returns 0 or ECG_ENOMEM (seeds unchanged). */
int ecg_taint_xunit_keep(struct ecg_xfacts *seeds, const struct ecg_xfacts *previous);

/* The number of taint facts (value ECG_XV_TAINT) at the start of a sorted list; the
 * pointer-state facts follow them. */
size_t ecg_taint_xunit_taint_count(const struct ecg_xfacts *sorted);

/* Nonzero when two sorted seed lists are equal, origins included. */
int ecg_taint_xunit_same(const struct ecg_xfacts *a, const struct ecg_xfacts *b);

#endif
