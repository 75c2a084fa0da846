// ecg-options: {"threshold": 0}
/* (void) declares no parameter: 0, not more than 0. */
int answer(void)
{
    return 42;
}
