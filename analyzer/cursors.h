/* Small queries on libclang cursors shared by the analyzer and the rules. */
#ifndef ECG_ANALYZER_CURSORS_H
#define ECG_ANALYZER_CURSORS_H

#include <clang-c/Index.h>

/* Stores the first max direct children of cursor in out (in order) and returns how many
 * children it has, which may exceed max. */
unsigned ecg_cursor_children(CXCursor *out, unsigned max, CXCursor cursor);

/* The child of cursor at index (0 is the first), or a null cursor when it has fewer. */
CXCursor ecg_cursor_child(CXCursor cursor, unsigned index);

#endif
