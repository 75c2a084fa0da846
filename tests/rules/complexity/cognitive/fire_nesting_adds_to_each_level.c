// ecg-options: {"threshold": 5}
/* for +1, if +2 (nesting 1), while +3 (nesting 2) = 6. */
int drain(int *q, int n) // expect: complexity-cognitive {{cognitive complexity 6 (threshold 5)}}
{
    for (int i = 0; i < n; i++) {
        if (q[i] > 0) {
            while (q[i] > 10)
                q[i] -= 10;
        }
    }
    return 0;
}
