// ecg-options: {"threshold": 2}
/* COMMON_ARGS expands to three parameters, but as written it is one: 2 in all. */
#define COMMON_ARGS int x, int y, int z

int shift(COMMON_ARGS, int by)
{
    return x + y + z + by;
}
