#include <stdlib.h>
#include <string.h>

int consume(char *p);

/* The same variable or flag decides the free and the later use. */
int maybe_consume(char *p, int owned)
{
    if (owned)
        free(p);
    if (!owned)
        return consume(p);
    return 0;
}

int release_once(char *p, int n)
{
    int released = 0;

    if (n > 4) {
        free(p);
        released = 1;
    }
    if (!released)
        free(p);
    return released;
}

enum status { OK, NO_MEMORY, BAD_INPUT };

/* An error code set where the first buffer is freed keeps the later block out. */
enum status split(const char *s, char **left, char **right)
{
    enum status result = OK;
    char *l = strdup(s);
    char *r = NULL;

    if (l == NULL)
        result = NO_MEMORY;
    if (result == OK) {
        r = strdup(s);
        if (r == NULL) {
            free(l);
            result = NO_MEMORY;
        }
    }
    if (result == OK) {
        l[0] = '\0';
        *left = l;
        *right = r;
    }
    return result;
}
