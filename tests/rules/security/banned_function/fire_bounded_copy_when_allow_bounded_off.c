// ecg-options: {"allow_bounded": false}
#include <string.h>

void label(void)
{
    char tag[16];
    strcpy(tag, "fits"); // expect: security-banned-function
    (void)tag;
}
