// ecg-options: {"threshold": 1, "count_macro_expansions": true}
/* Expanded, each RETURN_IF adds do +1 and the if nested in it +2: 2 * 3 + the written if = 7. */
#define RETURN_IF(c)                                                                               \
    do {                                                                                           \
        if (c)                                                                                     \
            return -1;                                                                             \
    } while (0)

int open_all(int a, int b) // expect: complexity-cognitive {{cognitive complexity 7 (threshold 1)}}
{
    RETURN_IF(a < 0);
    RETURN_IF(b < 0);
    if (a == b)
        return 1;
    return 0;
}
