// ecg-options: {"parameters": false}
// With parameters off, a format that is a parameter of an exported function is left to the
// callers in other files; constants and wrappers stay silent as always.
#include <stdio.h>

void log_raw(FILE *out, const char *msg)
{
    fprintf(out, msg);
}

void log_twice(FILE *out, const char *msg)
{
    log_raw(out, msg);
    log_raw(out, "done\n");
}
