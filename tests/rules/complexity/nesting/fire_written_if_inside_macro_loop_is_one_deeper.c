// ecg-options: {"threshold": 1}
/* The for comes from FOR_EACH, but the if written in its body is at depth 2 all the same. */
#define FOR_EACH(i, n) for (int i = 0; i < (n); i++)

int count_set(const int *v, int n)
{
    int s = 0;
    FOR_EACH(i, n)
    {
        if (v[i]) // expect:9: complexity-nesting {{nest 2 levels deep here (threshold 1)}}
            s++;
    }
    return s;
}
