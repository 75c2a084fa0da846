// Results kept in a variable and tested later count as checked, as does an assignment tested
// where it is made; the one bare fflush stands out against them.
#include <stdio.h>

int flush_header(FILE *out, const char *title)
{
    int rc = fputs(title, out);

    if (rc == EOF)
        return -1;
    rc = fflush(out);
    if (rc != 0)
        return -1;
    return 0;
}

int flush_rows(FILE *out, const int *rows, int n)
{
    int rc;

    for (int i = 0; i < n; i++)
        fprintf(out, "%d\n", rows[i]);
    if ((rc = fflush(out)) != 0)
        return rc;
    return 0;
}

void flush_footer(FILE *out)
{
    fprintf(out, "-- end --\n");
    fflush(out); // expect: security-unchecked-allocation {{'fflush' is checked at 2 of 3}}
}
