// Precision first: once a pointer has been tested, paths where the test's outcome is not
// followed stay silent (a null branch that falls through after logging, break, continue).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void log_failure(const char *what);

int fallthrough_after_log(size_t n, int *failed)
{
    char *p = malloc(n);
    if (p == NULL) {
        log_failure("malloc");
        *failed = 1;
    }
    if (*failed)
        return -1;
    p[0] = '\0';
    free(p);
    return 0;
}

void loop_break(const char **names, int count)
{
    for (int i = 0; i < count; i++) {
        char *copy = strdup(names[i]);
        if (copy == NULL)
            break;
        copy[0] = 'x';
        free(copy);
    }
}

void loop_continue(const char **names, int count)
{
    int i = 0;
    while (i < count) {
        char *copy = strdup(names[i++]);
        if (!copy)
            continue;
        puts(copy);
        free(copy);
    }
}
