// Format wrappers pass their parameter on; their callers pass literals. The wrapper's own
// v*printf call, the attribute-declared function and a wrapper of a wrapper are all fine.
#include <stdarg.h>
#include <stdio.h>

void log_message(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void log_message(int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[%d] ", level);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

static void vlog(const char *fmt, va_list ap)
{
    vfprintf(stderr, fmt, ap);
}

static void warn_user(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(fmt, ap);
    va_end(ap);
}

void run(const char *name, int code)
{
    log_message(1, "starting %s", name);
    warn_user("exit code %d\n", code);
}
