#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct report {
    char title[32];
    int rows;
};

/* Static helpers of the same file that only read the block: the caller hands it over and
 * forgets it, so no one frees it. */
static void log_title(char *title)
{
    fprintf(stderr, "title: %s\n", title);
}

static int verbose;

static void log_rows(struct report *r)
{
    if (verbose)
        fprintf(stderr, "rows: %d\n", r->rows);
}

/* Passed on through two static functions, neither of which frees it. */
static void forward_title(char *title)
{
    log_title(title);
}

void publish_title(const char *text)
{
    char *title = strdup(text); // expect: security-realloc-leak {{do not release it}}

    if (title == NULL)
        return;
    forward_title(title);
}

void publish_report(int rows)
{
    struct report *r = malloc(sizeof(*r)); // expect: security-realloc-leak {{'malloc' stored in 'r'}}

    if (r == NULL)
        exit(1);
    r->rows = rows;
    verbose = 1;
    log_rows(r);
}

void publish_through_pointer(const char *text)
{
    void (*show)(char *) = log_title;
    char *copy = malloc(strlen(text) + 1); // expect: security-realloc-leak {{'copy'}}

    if (copy == NULL)
        return;
    memcpy(copy, text, strlen(text) + 1);
    show(copy);
}
