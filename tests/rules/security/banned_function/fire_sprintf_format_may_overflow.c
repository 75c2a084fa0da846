#include <stdio.h>

void format_pair(int a, int b, const char *who)
{
    char small[8];
    char any[64];
    sprintf(small, "%d-%d", a, b); // expect: security-banned-function {{snprintf}}
    sprintf(any, "hello %s", who); // expect: security-banned-function
    puts(small);
    puts(any);
}
