// ecg-options: {"threshold": 2}
/* if > (if, else if, else if, else): the chain continues its if, so the depth is 2. */
int classify(int ok, int c)
{
    if (ok) {
        if (c < 10)
            return 0;
        else if (c < 100)
            return 1;
        else if (c < 1000)
            return 2;
        else if (c < 10000)
            return 3;
        else
            return 4;
    }
    return -1;
}
