#include <string.h>

/* Hash-table keys, parser tokens and words that merely contain a credential word. */
struct dict;
int dict_add(struct dict *d, const char *key, const char *value);

int seed_dict(struct dict *d)
{
    const char *key = "user:1000";
    char keyboard[] = "qwerty";
    const char *token = "SELECT";
    const char *monkey = "banana";
    const char *bypass = "route-7";
    const char *compass = "north";

    return dict_add(d, key, keyboard) + dict_add(d, token, monkey) + dict_add(d, bypass, compass);
}

int is_keyword(const char *token)
{
    return strcmp(token, "WHERE") == 0 || strcmp(token, "FROM") == 0;
}
