/* Where an expression the atomics reader looks at starts and ends, as file and expansion
 * locations: the tests that decide whether a cursor owns a wrapper macro's whole expansion. */
#ifndef ECG_RULES_SUPPORT_ATOMICS_WHERE_H
#define ECG_RULES_SUPPORT_ATOMICS_WHERE_H

#include <clang-c/Index.h>
#include <stddef.h>

/* Nonzero when loc lies in a macro's expansion (a macro's body or argument). libclang's
 * location carries clang's raw encoding, whose top bit marks macro locations (the bit
 * clang's SourceLocation calls MacroIDBit); asking the file location costs 600 instructions.
 * An expression that starts with a token written in the file itself starts no expansion. */
static inline int rule_atomics_in_macro(CXSourceLocation loc)
{
    return (loc.int_data & 0x80000000u) != 0;
}

/* Nonzero when expr spans the whole invocation mexp, whose name is at offset (not
 * 'M(x) + 1'). Inside another macro's argument the end of an expansion maps back to the
 * macro's name, so an end there counts too. */
int rule_atomics_spans(CXCursor expr, CXCursor mexp, unsigned offset);

/* Nonzero when expr is a call of the function name written at its start (no macro). */
int rule_atomics_is_direct_call(CXCursor expr, const char *word);

#define RULE_ATOMICS_WHERE_SLOTS 512 /* a power of two */

/* The file locations of the macro locations asked last: an expression and the conversions
 * around it start at one token, and a file location costs about 1,100 instructions. */
struct rule_atomics_where_memo {
    CXSourceLocation at[RULE_ATOMICS_WHERE_SLOTS]; /* int_data 0 (no macro location): empty */
    CXFile file[RULE_ATOMICS_WHERE_SLOTS];
    unsigned offset[RULE_ATOMICS_WHERE_SLOTS];
};

/* Where expr starts (its location for the kinds libclang places at their start, else its
 * extent's start): 1 and *out when that lies in a macro's expansion, else 0. Asks no file
 * location. */
int rule_atomics_start_in_macro(CXSourceLocation *out, CXCursor expr);

/* clang_getFileLocation(at)'s file and offset, through m (zeroed before the first question). */
void rule_atomics_file_offset_memo(CXFile *file, unsigned *offset,
                                   struct rule_atomics_where_memo *m, CXSourceLocation at);

/* The identifier written where expr starts, looked up as a file location: 1 with out, *file
 * and *offset, or 0 when no identifier is there. For a cursor inside a macro argument this is
 * where the argument was written (so 'uatomic_read' inside 'uatomic_set(&x, uatomic_read(&x)
 * + 1)' is found, not the outer macro). */
int rule_atomics_name_at(char *out, size_t size, CXFile *file, unsigned *offset,
                         CXTranslationUnit tu, CXCursor expr);

#endif
