// ecg-options: {"threshold": 1, "count_macro_expansions": true}
/* Expanded: for > do > if is 3 levels; the deepest is inside CHECK, reported where it is used. */
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c))                                                                                  \
            return -1;                                                                             \
    } while (0)

int parse(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        CHECK(s[i] != '\0'); // expect:9: complexity-nesting {{nest 3 levels deep here (threshold 1)}}
    return 0;
}
