// ecg-options: {"max_lines": 5, "max_statements": 3}
/* 7 lines and 4 statements: one finding names both. */
int sum3(int a, int b, int c) // expect: complexity-function-size {{function 'sum3' has 7 lines (max 5) and 4 statements (max 3)}}
{
    int s = a;
    s += b;
    s += c;
    return s;
}
