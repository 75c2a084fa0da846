/* Record layout as libclang computes it for the unit's target: each field's offset and size
 * in bits, with the fields of anonymous struct and union members flattened into the
 * outermost record's offsets. Reads fields through clang_Type_visitFields (one record's
 * direct fields at a time, never a subtree walk). */
#ifndef ECG_RULES_SUPPORT_LAYOUT_H
#define ECG_RULES_SUPPORT_LAYOUT_H

#include <clang-c/Index.h>
#include <stddef.h>

/* One field of a record, at its place in the outermost record. */
struct rule_layout_field {
    CXCursor field;   /* the FieldDecl */
    long long offset; /* bits from the start of the outermost record */
    long long size;   /* bits: a bit-field's width, else sizeof its type times 8 */
    int is_bitfield;
};

/* The fields of a record in declaration order. Owns fields. */
struct rule_layout {
    struct rule_layout_field *fields; /* owned; n of them */
    size_t n;
    size_t cap;
    long long size;  /* bytes: sizeof the record */
    long long align; /* bytes: alignof the record */
};

/* Prepares an empty layout in the caller's storage. */
void rule_layout_init(struct rule_layout *layout);

/* Releases what the layout owns; it may be read again after rule_layout_init. */
void rule_layout_fini(struct rule_layout *layout);

/* Reads the layout of a complete struct or union type into out (which must be freshly
 * initialised). Returns 0; ECG_EPARSE when the type is incomplete, dependent or invalid (out
 * is left empty); ECG_ENOMEM when memory ran out (out holds what was read; fini it). */
int rule_layout_read(struct rule_layout *out, CXType record);

/* The first and last byte of a field (a bit-field's bytes are those its bits touch). */
long long rule_layout_first_byte(const struct rule_layout_field *f);
long long rule_layout_last_byte(const struct rule_layout_field *f);

#endif
