#include <stdlib.h>

struct lexer;
const char *next_token(struct lexer *lx);

/* rand() only picks a branch, a length or an index into something that is not secret. */
const char *sample_token(struct lexer *lx, const char **tokens, int n)
{
    const char *token = NULL;
    int token_len = rand() % 16;

    if (rand() % 2)
        token = next_token(lx);
    else if (token_len > 3 && !rand())
        token = tokens[0];
    while (random() < RAND_MAX / 4 && token == NULL)
        token = next_token(lx);
    return token;
}
