// ecg-options: {"threshold": 1}
/* The for comes from FOR_EACH and counts nothing as written, but the if written in its body
 * sits one level deep: +2 (incl. 1 for nesting) = 2. */
#define FOR_EACH(i, n) for (int i = 0; i < (n); i++)

int count_set(const int *v, int n) // expect: complexity-cognitive {{cognitive complexity 2 (threshold 1)}}
{
    int s = 0;
    FOR_EACH(i, n)
    {
        if (v[i])
            s++;
    }
    return s;
}
