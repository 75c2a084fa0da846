/* The registry of every rule compiled into ecg, built from rules/rules.def, sorted by id. */
#ifndef ECG_RULES_REGISTRY_H
#define ECG_RULES_REGISTRY_H

#include <stddef.h>

struct rule_desc;

/* Number of registered rules. */
size_t rule_registry_count(void);

/* The i-th rule in id order (i < rule_registry_count()). */
const struct rule_desc *rule_registry_at(size_t i);

/* The rule's family and file stem as written in rules.def ("security", "banned_function"). */
const char *rule_registry_family(size_t i);
const char *rule_registry_stem(size_t i);

/* The rule with this id, or NULL. */
const struct rule_desc *rule_registry_find(const char *id);

/* The index of the rule with this id, or (size_t)-1. */
size_t rule_registry_index(const char *id);

#endif
