// ecg-options: {"threshold": 1}
/* Each RETURN_IF hides an if inside a do-while, but as written it is one invocation: only the
 * written if counts, 1. */
#define RETURN_IF(c)                                                                               \
    do {                                                                                           \
        if (c)                                                                                     \
            return -1;                                                                             \
    } while (0)

int open_all(int a, int b)
{
    RETURN_IF(a < 0);
    RETURN_IF(b < 0);
    if (a == b)
        return 1;
    return 0;
}
