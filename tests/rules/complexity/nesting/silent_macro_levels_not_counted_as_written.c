// ecg-options: {"threshold": 1}
/* CHECK hides a do-while and an if, but as written it is one statement: the depth is 1. */
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c))                                                                                  \
            return -1;                                                                             \
    } while (0)

int parse(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        CHECK(s[i] != '\0');
    return 0;
}
