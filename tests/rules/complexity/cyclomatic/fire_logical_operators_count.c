// ecg-options: {"threshold": 4}
/* 1 + if + && + || = 4. */
int accept(int a, int b, int c) // expect:5: complexity-cyclomatic {{cyclomatic complexity 4 (threshold 4)}}
{
    if ((a && b) || c)
        return 1;
    return 0;
}
