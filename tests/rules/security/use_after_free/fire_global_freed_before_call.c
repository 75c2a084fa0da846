#include <stdio.h>
#include <stdlib.h>

static char *pending_line;
static char *last_error;

/* The unit's own function reads the global its caller left holding a freed block. */
static void flush_pending(void)
{
    char *line = pending_line;

    free(line); // expect: security-use-after-free {{'line' is freed again after it was freed at line 21}}
}

void submit_line(size_t n)
{
    char *line = malloc(n);

    if (line == NULL)
        exit(1);
    free(line);
    pending_line = line;
    flush_pending();
}

static void print_error(void)
{
    printf("error: %s\n", last_error); // expect: security-use-after-free {{'last_error' is passed to 'printf' after it was freed at line 38}}
}

void report_error(const char *text)
{
    char *copy = malloc(64);

    if (copy == NULL)
        return;
    snprintf(copy, 64, "%s", text);
    free(copy);
    last_error = copy;
    print_error();
}
