#include <string.h>

/* The helper's result is stored over the argument and copied into a buffer large enough
 * for the string the helper wrote. */
static char *fill_short(char *buf)
{
    memset(buf, '-', 19);
    buf[19] = '\0';
    return buf;
}

void print_rule(void)
{
    char storage[80];
    char *rule = storage;
    char line[40];

    rule = fill_short(rule);
    strcpy(line, rule);
}
