// A (void) cast says the result is dropped on purpose; a function checked once and discarded
// three times (putc), or whose result is only stored and used as a length (snprintf), is not
// checked consistently enough to call the discarded calls slips.
#include <stdio.h>
#include <string.h>

int save_table(FILE *out, const char *const *cells, int n)
{
    for (int i = 0; i < n; i++) {
        if (fputs(cells[i], out) == EOF)
            return -1;
        if (putc('\n', out) == EOF)
            return -1;
    }
    if (fclose(out) != 0)
        return -1;
    return 0;
}

int save_or_discard(FILE *out, const char *text, int keep)
{
    if (!keep) {
        (void)fclose(out);
        return 0;
    }
    if (fputs(text, out) == EOF) {
        (void)fclose(out);
        return -1;
    }
    return fclose(out);
}

void print_cells(FILE *out, const char *const *cells, int n)
{
    for (int i = 0; i < n; i++) {
        fprintf(out, "%s", cells[i]);
        putc(' ', out);
        putc('|', out);
    }
    putc('\n', out);
}

size_t format_path(char *buf, size_t size, const char *dir, const char *name, int id)
{
    char num[32];
    int n;

    snprintf(num, sizeof(num), "%d", id);
    n = snprintf(buf, size, "%s/%s", dir, name);
    return strlen(num) + (size_t)n;
}
