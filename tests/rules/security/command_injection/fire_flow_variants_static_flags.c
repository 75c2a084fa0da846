#include <stdlib.h>
#include <string.h>

static int static_true = 1;
static int static_five = 5;
static const int STATIC_CONST_TRUE = 1;

static int returns_true(void)
{
    return 1;
}

/* The Juliet flow variants: the source sits under conditions that are always true. */
void variant_05(void)
{
    char data_buf[100] = "ls ";
    char *data = data_buf;

    if (static_true) {
        char *environment = getenv("ADD");
        if (environment != NULL)
            strncat(data + strlen(data), environment, 100 - strlen(data) - 1);
    }
    system(data); // expect: security-command-injection
}

void variant_07(void)
{
    char data_buf[100] = "ls ";
    char *data = data_buf;

    if (static_five == 5)
        strcat(data, getenv("ADD"));
    system(data); // expect: security-command-injection
}

void variant_04_and_08(void)
{
    char *data = "ls";

    if (STATIC_CONST_TRUE && returns_true())
        data = getenv("ADD");
    system(data); // expect: security-command-injection
}

void variant_16_and_18(void)
{
    char data_buf[100] = "ls ";
    char *data = data_buf;

    while (1) {
        goto source;
    source:
        strcat(data, getenv("ADD"));
        break;
    }
    system(data); // expect: security-command-injection
}
