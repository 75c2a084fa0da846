// ecg-options: {"threshold": 5}
/* 1 + for + while + do + ?: = 5. */
int spin(int n) // expect: complexity-cyclomatic {{cyclomatic complexity 5 (threshold 5)}}
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += i;
    while (total > 100)
        total /= 2;
    do
        total++;
    while (total < 3);
    return total > 50 ? 1 : 0;
}
