// ecg-options: {"threshold": 1}
/* Braces without a control structure add no level: the depth is 1. */
int total(int a, int b)
{
    int t = 0;
    {
        {
            if (a > b) {
                {
                    t = a;
                }
            }
        }
    }
    return t;
}
