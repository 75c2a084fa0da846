// ecg-options: {"threshold": 2}
int dispatch(int op) // NOLINT(complexity-cyclomatic): a flat dispatch table
{
    if (op == 1)
        return 10;
    if (op == 2)
        return 20;
    return 0;
}
