#include <stdio.h>
#include <string.h>

void fixed_texts(int code, unsigned port)
{
    char tag[8];
    char line[40]; // "code=" + 11 + " port=" + 10 = 32 characters, plus the NUL
    char exact[5];
    strcpy(tag, "ok");
    strcpy(exact, "four");
    sprintf(line, "code=%d port=%u", code, port);
    sprintf(line, "%s:%u", "localhost", port);
    puts(tag);
    puts(exact);
    puts(line);
}
