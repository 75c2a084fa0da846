/* 1 + 8 ifs = 9: one below the default threshold of 10. */
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
    return 0;
}
