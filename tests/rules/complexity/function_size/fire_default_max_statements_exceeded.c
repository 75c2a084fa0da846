/* 1 declaration + 39 expression statements + return = 41 statements in few lines: the
 * default max_statements of 40 is exceeded. */
int tally(int v) // expect:5: complexity-function-size {{function 'tally' has 41 statements (max 40)}}
{
    int t = v;
    t += 1; t += 2; t += 3; t += 4; t += 5;
    t += 6; t += 7; t += 1; t += 2; t += 3;
    t += 4; t += 5; t += 6; t += 7; t += 1;
    t += 2; t += 3; t += 4; t += 5; t += 6;
    t += 7; t += 1; t += 2; t += 3; t += 4;
    t += 5; t += 6; t += 7; t += 1; t += 2;
    t += 3; t += 4; t += 5; t += 6; t += 7;
    t += 1; t += 2; t += 3; t += 4;
    return t;
}
