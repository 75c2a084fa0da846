// ecg-options: {"report_unreleased": false}
#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

/* Only the realloc pattern is checked when report_unreleased is off. */
void show_greeting(const char *name)
{
    char *data = malloc(100);

    if (data == NULL)
        exit(-1);
    strcpy(data, "Hello, ");
    strncat(data, name, 50);
    print_line(data);
}
