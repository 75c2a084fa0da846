// ecg-options: {"threshold": 2}
/* if +1, goto +1, the recursive call +1 = 3. */
int depth(int n) // expect: complexity-cognitive {{cognitive complexity 3 (threshold 2)}}
{
    if (n <= 0)
        goto out;
    return 1 + depth(n - 1);
out:
    return 0;
}
