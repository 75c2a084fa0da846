/* 1 declaration + 38 expression statements + return = 40 statements: exactly the default
 * max_statements. */
int tally(int v)
{
    int t = v;
    t += 1; t += 2; t += 3; t += 4; t += 5;
    t += 6; t += 7; t += 1; t += 2; t += 3;
    t += 4; t += 5; t += 6; t += 7; t += 1;
    t += 2; t += 3; t += 4; t += 5; t += 6;
    t += 7; t += 1; t += 2; t += 3; t += 4;
    t += 5; t += 6; t += 7; t += 1; t += 2;
    t += 3; t += 4; t += 5; t += 6; t += 7;
    t += 1; t += 2; t += 3;
    return t;
}
