// ecg-options: {"threshold": 4}
/* 1 + if + case = 3: else, switch and default add nothing, so this stays below 4. */
int weight(int kind, int big)
{
    int w;
    if (big)
        w = 2;
    else
        w = 1;
    switch (kind) {
    case 1:
        return 10 * w;
    default:
        return w;
    }
}
