#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

/* The correct version: the copy is freed. */
void show_banner(void)
{
    char *text = malloc(64);

    if (text == NULL)
        return;
    strcpy(text, "banner");
    {
        char *view = text;
        print_line(view);
        free(view);
    }
}

/* A copy that leaves the function keeps the block alive. */
char *keep_banner(void)
{
    char *text = strdup("banner");
    char *result;

    result = text;
    return result;
}
