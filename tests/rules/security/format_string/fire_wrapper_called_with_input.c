// A variadic helper that passes its format on with a va_list, and a function declared with
// a format attribute: their callers are checked, and those passing input are reported.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void log_message(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void print_formatted(const char *data, ...)
{
    va_list args;
    va_start(args, data);
    vprintf(data, args);
    va_end(args);
}

void relay(int fd)
{
    char data[100] = "";
    ssize_t n = read(fd, data, sizeof(data) - 1);
    if (n <= 0)
        return;
    data[n] = '\0';
    print_formatted(data, data); // expect: security-format-string {{'read'}}
    log_message(2, data); // expect: security-format-string {{'log_message'}}
}

