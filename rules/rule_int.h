/* The context a rule callback receives: the walk it runs in and the rule being called.
 * Private to the engine (analyzer/walk.c) and the rule API (rules/rule.c). */
#ifndef ECG_RULES_RULE_INT_H
#define ECG_RULES_RULE_INT_H

#include "analyzer/walk.h"
#include "rules/rule.h"

struct rule_ctx {
    struct ecg_walk *walk;
    const struct rule_desc *desc;
    void *state;
    struct ecg_finding *last; /* the finding rule_report returned last, for attachments */
};

#endif
