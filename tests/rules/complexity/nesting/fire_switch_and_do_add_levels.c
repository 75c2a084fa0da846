// ecg-options: {"threshold": 2}
/* switch > do > while: 3 levels; case labels add none. */
int run(int op, int n)
{
    switch (op) {
    case 1:
        do {
            while (n > 100) // expect:13: complexity-nesting {{nest 3 levels deep here (threshold 2)}}
                n /= 2;
            n--;
        } while (n > 0);
        break;
    default:
        break;
    }
    return n;
}
