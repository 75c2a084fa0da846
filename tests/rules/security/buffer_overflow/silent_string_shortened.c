#include <string.h>

void fill(char *p);

/* The string's known length is forgotten when something else writes into it. */
void join_words(void)
{
    char word[100];
    char out[20] = "";

    memset(word, 'A', 99);
    word[99] = '\0';
    fill(word);
    strcat(out, word);
    memset(word, 'B', 99);
    word[10] = '\0';
    strcat(out, word);
}
