/* Small queries on libclang cursors shared by the analyzer and the rules. */
#ifndef ECG_ANALYZER_CURSORS_H
#define ECG_ANALYZER_CURSORS_H

#include <clang-c/Index.h>

/* Stores the first max direct children of cursor in out (in order) and returns how many
 * children it has, which may exceed max. */
unsigned ecg_cursor_children(CXCursor *out, unsigned max, CXCursor cursor);

/* The child of cursor at index (0 is the first), or a null cursor when it has fewer. */
CXCursor ecg_cursor_child(CXCursor cursor, unsigned index);

/* Nonzero when a and b are the same node by kind and extent: a cursor from the walk and one
 * from a fresh visit of the same expression may differ in fields clang_equalCursors
 * compares. */
int ecg_cursor_same_node(CXCursor a, CXCursor b);

/* When arg is one of call's arguments (ecg_cursor_same_node), stores its index in *out and
 * returns 1; otherwise returns 0. */
int ecg_cursor_arg_index(unsigned *out, CXCursor call, CXCursor arg);

/* The body of a while, do or for statement: the last child of while and for, the first of
 * do; a null cursor for anything else. */
CXCursor ecg_cursor_loop_body(CXCursor loop);

#endif
