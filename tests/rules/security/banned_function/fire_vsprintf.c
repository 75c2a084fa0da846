#include <stdarg.h>
#include <stdio.h>

void log_line(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsprintf(out, fmt, ap); // expect: security-banned-function {{vsnprintf}}
    va_end(ap);
}
