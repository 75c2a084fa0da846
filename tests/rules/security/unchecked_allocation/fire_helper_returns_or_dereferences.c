// Helpers defined earlier in the file: one returns an allocation it did not check, the other
// dereferences its parameter without a check. Callers that skip the test are reported.
#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

static char *make_buffer(char *data)
{
    data = (char *)malloc(20 * sizeof(char));
    return data;
}

static char *make_copy(const char *src)
{
    return strdup(src);
}

static void initialize(char *data)
{
    strcpy(data, "Initialize");
    print_line(data);
}

void source_helper(void)
{
    char *data = NULL;
    data = make_buffer(data);
    strcpy(data, "Initialize"); // expect: security-unchecked-allocation {{'make_buffer'}}
    free(data);
}

size_t copy_helper(const char *src)
{
    char *copy = make_copy(src);
    size_t n = strlen(copy); // expect: security-unchecked-allocation {{'make_copy'}}
    free(copy);
    return n;
}

void sink_helper(void)
{
    char *data = (char *)malloc(20);
    initialize(data); // expect: security-unchecked-allocation {{passed to 'initialize'}}
    free(data);
}
