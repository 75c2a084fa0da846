// A test that does not cover every path to the use: on the path that skipped it, or in the
// branch where the pointer is known to be NULL, the use is reported.
#include <stdlib.h>
#include <string.h>

int verbose_mode(void);

int check_only_when_verbose(size_t n)
{
    char *p = malloc(n);
    if (verbose_mode()) {
        if (p == NULL)
            return -1;
    }
    p[0] = '\0'; // expect: security-unchecked-allocation {{'p' may be NULL here}}
    free(p);
    return 0;
}

void use_in_null_branch(const char *name)
{
    char *copy = strdup(name);
    if (copy != NULL) {
        copy[0] = 'x';
        free(copy);
    } else {
        copy[0] = '?'; // expect: security-unchecked-allocation {{'copy' is NULL on this path}}
    }
}

void allocated_in_a_loop(const char **names, int count)
{
    for (int i = 0; i < count; i++) {
        char *line = malloc(strlen(names[i]) + 2);
        strcpy(line, names[i]); // expect: security-unchecked-allocation {{passed to 'strcpy'}}
        strcat(line, "\n");
        free(line);
    }
}

int reallocated(int *values, size_t n)
{
    values = (int *)realloc(values, n * sizeof(int));
    values[0] = 5; // expect: security-unchecked-allocation {{'realloc'}}
    free(values);
    return 0;
}

void per_command(int command, size_t n)
{
    char *buf = NULL;
    switch (command) {
    case 1:
        buf = malloc(n);
        if (buf == NULL)
            return;
        buf[0] = 1;
        break;
    case 2:
        buf = calloc(n, 1);
        buf[0] = 2; // expect: security-unchecked-allocation {{'calloc'}}
        break;
    default:
        return;
    }
    free(buf);
}
