/* Operator spellings; see operator.h. The operator itself comes from analyzer/opcode.h. */
#include "rules/support/operator.h"

#include <stdio.h>
#include <string.h>

#include "analyzer/opcode.h"

int rule_operator_spelling(char *out, size_t size, CXTranslationUnit tu, CXCursor op)
{
    int compound = clang_getCursorKind(op) == CXCursor_CompoundAssignOperator;
    const char *text = ecg_opcode_spelling(ecg_opcode_of(op), compound);

    (void)tu;
    if (size == 0 || text == NULL)
        return 0;
    snprintf(out, size, "%s", text);
    return 1;
}

int rule_operator_is(CXTranslationUnit tu, CXCursor op, const char *text)
{
    char spelled[8];

    return rule_operator_spelling(spelled, sizeof(spelled), tu, op) && strcmp(spelled, text) == 0;
}
