// ecg-options: {"threshold": 2}
/* if +1, the && sequence +1, the || sequence +1 = 3: a run of one operator costs 1. */
int pick(int a, int b, int c, int d) // expect: complexity-cognitive {{cognitive complexity 3 (threshold 2)}}
{
    if (a && b && c || d)
        return 1;
    return 0;
}
