/* Rule registry: rules.def expanded into a table; rules.def keeps it in id order. */
#include "rules/registry.h"

#include <string.h>

#include "rules/rule.h"

#define RULE(family, name) extern const struct rule_desc rule_##family##_##name;
#include "rules/rules.def"
#undef RULE

struct registry_entry {
    const struct rule_desc *desc;
    const char *family;
    const char *stem;
};

static const struct registry_entry registry[] = {
#define RULE(family, name) { &rule_##family##_##name, #family, #name },
#include "rules/rules.def"
#undef RULE
};

size_t rule_registry_count(void)
{
    return sizeof(registry) / sizeof(registry[0]);
}

const struct rule_desc *rule_registry_at(size_t i)
{
    return registry[i].desc;
}

const char *rule_registry_family(size_t i)
{
    return registry[i].family;
}

const char *rule_registry_stem(size_t i)
{
    return registry[i].stem;
}

size_t rule_registry_index(const char *id)
{
    for (size_t i = 0; i < rule_registry_count(); i++) {
        if (strcmp(registry[i].desc->id, id) == 0)
            return i;
    }
    return (size_t)-1;
}

const struct rule_desc *rule_registry_find(const char *id)
{
    size_t i = rule_registry_index(id);
    return i == (size_t)-1 ? NULL : registry[i].desc;
}
