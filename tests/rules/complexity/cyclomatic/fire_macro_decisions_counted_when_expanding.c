// ecg-options: {"threshold": 3, "count_macro_expansions": true}
/* Expanded, each CHECK adds if + && + do-while: 1 + 3 * 3 + the written if = 11. */
#define CHECK(p, q)                                                                                \
    do {                                                                                           \
        if ((p) && (q))                                                                            \
            return -1;                                                                             \
    } while (0)

int validate(int a, int b, int c) // expect: complexity-cyclomatic {{cyclomatic complexity 11 (threshold 3)}}
{
    CHECK(a, b);
    CHECK(b, c);
    CHECK(a, c);
    if (a == b)
        return 1;
    return 0;
}
