#include <stdio.h>
#include <stdlib.h>

static char *pending_line;
static char *banner;

static void flush_pending(void)
{
    char *line = pending_line;

    free(line);
}

/* The global gets a live block (or NULL) before the function that reads it runs. */
void submit_line(size_t n)
{
    char *line = malloc(n);

    if (line == NULL)
        exit(1);
    pending_line = line;
    flush_pending();
}

void drop_line(void)
{
    free(pending_line);
    pending_line = NULL;
    flush_pending();
}

static void show_banner(void)
{
    if (banner != NULL)
        puts(banner);
}

/* Freed on one path only: the callee's read is reported only where every caller's path
 * frees the block. */
void set_banner(const char *text, int keep)
{
    char *copy = malloc(64);

    if (copy == NULL)
        return;
    snprintf(copy, 64, "%s", text);
    if (!keep)
        free(copy);
    banner = copy;
    show_banner();
}

/* The callee reads a different global than the one left freed. */
static char *other_line;

static void flush_other(void)
{
    free(other_line);
    other_line = NULL;
}

void cycle(size_t n)
{
    char *line = malloc(n);

    if (line == NULL)
        return;
    free(line);
    pending_line = line;
    flush_other();
    pending_line = NULL;
}
