// ecg-options: {"threshold": 3}
/* Each definition is measured on its own: only 'both' reaches 3. */
int one(int a)
{
    return a ? 1 : 0;
}

int both(int a, int b) // expect: complexity-cyclomatic {{'both' has cyclomatic complexity 3}}
{
    if (a)
        return 1;
    return b ? 2 : 0;
}

int none(int a)
{
    return a + 1;
}
