// An allocation's result dereferenced, indexed or passed to a function that dereferences it
// before anything tests it against NULL.
#include <stdlib.h>
#include <string.h>

struct point {
    int x;
    int y;
};

void print_line(const char *line);

void copy_greeting(void)
{
    char *data;
    data = NULL;
    data = (char *)malloc(100 * sizeof(char));
    strcpy(data, "hello"); // expect: security-unchecked-allocation {{result of 'malloc'}}
    print_line(data);
    free(data);
}

void fill_buffer(size_t n)
{
    char *buf = malloc(n + 1);
    buf[0] = '\0'; // expect: security-unchecked-allocation {{indexed}}
    memset(buf, 'x', n);
    buf[n] = '\0';
    print_line(buf);
    free(buf);
}

int sum_point(void)
{
    struct point *p = calloc(1, sizeof(*p));
    int sum;
    p->x = 1; // expect: security-unchecked-allocation {{'p' may be NULL here}}
    p->y = 2;
    sum = p->x + p->y;
    free(p);
    return sum;
}

long first_value(size_t count)
{
    long *values = (long *)calloc(count, sizeof(long));
    long first = *values; // expect: security-unchecked-allocation {{dereferenced}}
    free(values);
    return first;
}
