/* Small queries on libclang cursors shared by the analyzer and the rules. */
#ifndef ECG_ANALYZER_CURSORS_H
#define ECG_ANALYZER_CURSORS_H

#include <clang-c/Index.h>

/* Stores the first max direct children of cursor in out (in order) and returns how many
 * children it has, which may exceed max. */
unsigned ecg_cursor_children(CXCursor *out, unsigned max, CXCursor cursor);

#endif
