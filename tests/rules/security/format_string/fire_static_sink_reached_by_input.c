// A static function whose parameter becomes a format: judged by the calls in this file. One
// caller passes text read from standard input, so the sink is reported.
#include <stdio.h>
#include <string.h>

static void bad_sink(char *data)
{
    printf(data); // expect: security-format-string {{untrusted input ('fgets')}}
}

void read_and_print(void)
{
    char buffer[100] = "";
    char *data = buffer;
    if (fgets(data, 100, stdin) != NULL) {
        char *newline = strchr(data, '\n');
        if (newline != NULL)
            *newline = '\0';
    }
    bad_sink(data);
}

void print_fixed(void)
{
    bad_sink("fixed text");
}
