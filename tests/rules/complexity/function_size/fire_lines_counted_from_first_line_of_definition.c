// ecg-options: {"max_lines": 4}
/* 'static int' on its own line counts: 5 lines from it to '}', though only 4 from the name. */
static int
twice(int a) // expect:1: complexity-function-size {{function 'twice' has 5 lines (max 4)}}
{
    return 2 * a;
}
