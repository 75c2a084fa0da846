// A pointer dereferenced on every path and tested against NULL afterwards: either the test is
// dead or the dereference before it can crash.
#include <stdlib.h>
#include <string.h>

struct buffer {
    char *data;
    size_t len;
};

size_t buffer_drop(struct buffer *b)
{
    size_t len = b->len;
    if (b != NULL) { // expect: security-null-dereference {{tested against NULL after it was dereferenced on line 13}}
        free(b->data);
        free(b);
    }
    return len;
}

int counter_bump(void)
{
    int *counter = malloc(sizeof(*counter));
    *counter = 5;
    if (!counter) // expect: security-null-dereference {{'counter' is tested}}
        return -1;
    *counter += 1;
    free(counter);
    return 0;
}

size_t name_length_then_check(const char *name)
{
    size_t n = strlen(name);
    if (name == NULL) // expect: security-null-dereference {{'name'}}
        return 0;
    return n;
}
