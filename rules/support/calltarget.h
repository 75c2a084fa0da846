/* The function a call reaches: the declaration it names, or, for a call through a local
 * function pointer initialised with a function (void (*sink)(char *) = print_it;), that
 * function. Lets rules that summarise the unit's functions follow such calls. */
#ifndef ECG_RULES_SUPPORT_CALLTARGET_H
#define ECG_RULES_SUPPORT_CALLTARGET_H

#include <clang-c/Index.h>

/* The declaration call reaches (see above); otherwise what clang_getCursorReferenced says,
 * which is a null cursor or not a function for other indirect calls. */
CXCursor rule_calltarget_of(CXCursor call);

#endif
