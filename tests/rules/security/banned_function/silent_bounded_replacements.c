#include <stdio.h>
#include <string.h>

void safe(char *dst, size_t size, const char *src, FILE *in)
{
    char word[64];
    snprintf(dst, size, "%s", src);
    strncat(dst, src, size - strlen(dst) - 1);
    if (fgets(word, sizeof word, in) != NULL)
        puts(word);
    if (scanf("%63s", word) == 1)
        puts(word);
    if (sscanf(src, "%*s %d", &(int){0}) == 1)
        puts(src);
}
