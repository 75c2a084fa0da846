// ecg-options: {"max_statements": 3, "count_macro_expansions": true}
/* Expanded, each LOG_TWICE is a do-while holding two statements: 2 * 3 + return = 7. */
#define LOG_TWICE(x)                                                                               \
    do {                                                                                           \
        (void)(x);                                                                                 \
        (void)(x);                                                                                 \
    } while (0)

int trace(int a) // expect: complexity-function-size {{7 statements (max 3)}}
{
    LOG_TWICE(a);
    LOG_TWICE(a + 1);
    return a;
}
