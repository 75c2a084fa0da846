#include <stdlib.h>
#include <string.h>

static const int STATIC_CONST_FALSE = 0;
static int static_false = 0;
static int static_five = 5;

static int returns_false(void)
{
    return 0;
}

/* Juliet's goodG2B1 variants: the bad source is behind a condition that never holds. */
void good_g2b1(void)
{
    char data_buf[100] = "ls ";
    char *data = data_buf;

    if (STATIC_CONST_FALSE)
        strcat(data, getenv("ADD"));
    else
        strcat(data, "*.*");
    if (static_false || static_five != 5 || returns_false())
        strcat(data, getenv("ADD"));
    switch (6) {
    case 7:
        strcat(data, getenv("ADD"));
        break;
    default:
        break;
    }
    if (5 != 5)
        data = getenv("ADD");
    system(data);
}
