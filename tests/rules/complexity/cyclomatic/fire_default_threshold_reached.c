/* 1 + 9 ifs = 10: the default threshold is reached, and reaching it is enough. */
// expect@+1:5: complexity-cyclomatic {{function 'grade' has cyclomatic complexity 10 (threshold 10)}}
int grade(int score)
{
    if (score > 90)
        return 9;
    if (score > 80)
        return 8;
    if (score > 70)
        return 7;
    if (score > 60)
        return 6;
    if (score > 50)
        return 5;
    if (score > 40)
        return 4;
    if (score > 30)
        return 3;
    if (score > 20)
        return 2;
    if (score > 10)
        return 1;
    return 0;
}
