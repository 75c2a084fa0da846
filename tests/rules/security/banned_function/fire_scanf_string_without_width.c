#include <stdio.h>

void read_words(FILE *in, const char *line)
{
    char word[64];
    char set[16];
    scanf("%s", word);               // expect: security-banned-function {{field width}}
    fscanf(in, "%d %s", &(int){0}, word); // expect: security-banned-function
    sscanf(line, "%[a-z]", set);     // expect: security-banned-function {{%[}}
}
