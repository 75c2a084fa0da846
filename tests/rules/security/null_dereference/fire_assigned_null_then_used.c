// A pointer set to NULL, on every path to a use, and then dereferenced, indexed or handed to a
// function that reads through it.
#include <stddef.h>
#include <string.h>
#include <wchar.h>

struct pair {
    int first;
    int second;
};

void print_int(int value);
void print_text(const char *text);

int first_of_reset_pair(void)
{
    struct pair *p;
    p = NULL;
    return p->first; // expect: security-null-dereference {{'p' is NULL here (set to NULL on line 18)}}
}

int read_through_reset(void)
{
    int *count = NULL;
    print_int(*count); // expect: security-null-dereference {{dereferenced}}
    return 0;
}

char first_char_of_nothing(int verbose)
{
    char *name = NULL;
    if (verbose)
        print_text("reading the name");
    return name[0]; // expect: security-null-dereference {{indexed}}
}

size_t length_of_nothing(void)
{
    const wchar_t *text = NULL;
    return wcslen(text); // expect: security-null-dereference {{passed to 'wcslen'}}
}

size_t copy_then_measure(void)
{
    char *data = NULL;
    char *copy = data;
    return strlen(copy); // expect: security-null-dereference {{'copy'}}
}
