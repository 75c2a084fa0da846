// ecg-options: {"threshold": 4}
/* 1 + 3 case labels = 4; default counts nothing. */
int weight(int kind) // expect: complexity-cyclomatic {{cyclomatic complexity 4 (threshold 4)}}
{
    switch (kind) {
    case 1:
        return 10;
    case 2:
    case 3:
        return 20;
    default:
        return 0;
    }
}
