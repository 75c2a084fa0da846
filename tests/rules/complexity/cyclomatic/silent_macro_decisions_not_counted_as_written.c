// ecg-options: {"threshold": 3}
/* Each CHECK expands to an if and a &&, but as written it is one invocation that decides
 * nothing: 1 + the one written if = 2. */
#define CHECK(p, q)                                                                                \
    do {                                                                                           \
        if ((p) && (q))                                                                            \
            return -1;                                                                             \
    } while (0)

int validate(int a, int b, int c)
{
    CHECK(a, b);
    CHECK(b, c);
    CHECK(a, c);
    if (a == b)
        return 1;
    return 0;
}
