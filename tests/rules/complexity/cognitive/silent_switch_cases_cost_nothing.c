// ecg-options: {"threshold": 1}
/* A flat switch costs 1 however many cases it has: 1 is not greater than 1. */
const char *name(int op)
{
    switch (op) {
    case 0:
        return "nop";
    case 1:
        return "add";
    case 2:
        return "sub";
    case 3:
        return "mul";
    case 4:
        return "div";
    case 5:
        return "mod";
    default:
        return "?";
    }
}
