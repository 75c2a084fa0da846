// Every shape of a tested result counts as checked (switch, comparison, negation, a copy of
// the variable tested later); a result stored and overwritten before any test, or cast to
// (void), counts neither way; the fflush that is the body of a do-while is discarded.
#include <stdio.h>

int flush_pair(FILE *a, FILE *b)
{
    switch (fflush(a)) {
    case 0:
        break;
    default:
        return -1;
    }
    return fflush(b) == 0 && !fflush(a) ? 0 : -1;
}

int flush_saved(FILE *a)
{
    int rc = fflush(a);
    int saved = rc;

    if (saved != 0)
        return -1;
    rc = fflush(a);
    rc = 0;
    if (rc)
        return -1;
    return 0;
}

void flush_quietly(FILE *a)
{
    do
        fflush(a); // expect: security-unchecked-allocation {{'fflush' is checked at 4 of 7 calls}}
    while (0);
    (void)fflush(a);
}
