// The correct versions: every use comes after a test against NULL that leaves the function,
// or sits inside the branch where the pointer is known not to be NULL.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

int early_return(size_t n)
{
    char *p = malloc(n + 1);
    if (p == NULL)
        return -1;
    p[0] = '\0';
    free(p);
    return 0;
}

void exit_on_failure(void)
{
    char *data = (char *)malloc(100);
    if (data == NULL) {
        exit(-1);
    }
    strcpy(data, "Initialize");
    print_line(data);
    free(data);
}

void use_inside_check(void)
{
    char *data = (char *)malloc(20);
    if (data != NULL) {
        strcpy(data, "Initialize");
        print_line(data);
        free(data);
    }
}

int assign_in_condition(const char *src)
{
    char *copy;
    if ((copy = strdup(src)) == NULL)
        goto fail;
    copy[0] = 'X';
    print_line(copy);
    free(copy);
    return 0;
fail:
    return -1;
}

int both_checked_at_once(size_t n)
{
    int *a = malloc(n * sizeof(int));
    int *b = malloc(n * sizeof(int));
    if (!a || !b) {
        free(a);
        free(b);
        return -1;
    }
    a[0] = b[0] = 0;
    free(a);
    free(b);
    return 0;
}

size_t guarded_by_the_expression(const char *src)
{
    char *copy = strdup(src);
    size_t len = copy != NULL ? strlen(copy) : 0;
    if (copy && copy[0] == '#')
        len = 0;
    free(copy);
    return len;
}

int checked_in_else(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    } else {
        fclose(f);
    }
    return 0;
}
