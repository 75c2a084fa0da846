// gets has no way to know the buffer size: always reported.
#include <stdio.h>

char *gets(char *s); // removed from C11 headers; declared so the call compiles

void read_name(void)
{
    char name[32];
    gets(name); // expect: security-banned-function {{fgets}}
    puts(name);
}
