#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

/* Copies between local pointers share the block's fate: none of them frees it. */
void show_banner(void)
{
    char *text = malloc(64); // expect: security-realloc-leak {{'malloc' stored in 'text'}}

    if (text == NULL)
        return;
    strcpy(text, "banner");
    {
        char *view = text;
        const char *shown = view;
        print_line(shown);
    }
}
