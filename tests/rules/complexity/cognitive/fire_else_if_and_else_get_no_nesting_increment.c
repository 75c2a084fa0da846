// ecg-options: {"threshold": 4}
/* for +1, if +2 (nesting 1), else if +1, else +1 = 5 (6 or more if else paid for nesting). */
int sign_sum(const int *v, int n) // expect: complexity-cognitive {{cognitive complexity 5 (threshold 4)}}
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] > 0)
            s++;
        else if (v[i] < 0)
            s--;
        else
            s += 0;
    }
    return s;
}
