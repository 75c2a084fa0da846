#include <string.h>

void label(void)
{
    char tag[4];
    strcpy(tag, "four"); // expect: security-banned-function
    (void)tag;
}
