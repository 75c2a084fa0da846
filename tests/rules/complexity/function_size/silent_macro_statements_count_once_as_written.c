// ecg-options: {"max_statements": 3}
/* LOG_TWICE expands to two statements, but as written each use is one: 3 in all. */
#define LOG_TWICE(x)                                                                               \
    do {                                                                                           \
        (void)(x);                                                                                 \
        (void)(x);                                                                                 \
    } while (0)

int trace(int a)
{
    LOG_TWICE(a);
    LOG_TWICE(a + 1);
    return a;
}
