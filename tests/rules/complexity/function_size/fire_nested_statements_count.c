// ecg-options: {"max_statements": 3}
/* if, the statement it guards, the loop, its body, return: statements at every depth count. */
int walk(int n) // expect: complexity-function-size {{5 statements (max 3)}}
{
    if (n < 0)
        n = 0;
    while (n > 10)
        n -= 3;
    return n;
}
