// ecg-options: {"threshold": 2, "count_macro_expansions": true}
/* Expanded, COMMON_ARGS is three parameters: 4 in all. */
#define COMMON_ARGS int x, int y, int z

int shift(COMMON_ARGS, int by) // expect: complexity-parameters {{function 'shift' has 4 parameters (threshold 2)}}
{
    return x + y + z + by;
}
