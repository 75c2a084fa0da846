// ecg-options: {"threshold": 0}
/* No branch, loop or jump: cognitive complexity 0, not greater than 0. */
int area(int w, int h)
{
    int a = w * h;
    a += 1;
    return a - 1;
}
