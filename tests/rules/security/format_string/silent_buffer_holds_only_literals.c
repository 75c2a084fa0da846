// The buffer is not a literal, but only literals (or text without '%') are ever stored in
// it in this function: every reaching definition is constant.
#include <stdio.h>
#include <string.h>

void print_fixed(void)
{
    char buffer[100] = "";
    char *data = buffer;
    strcpy(data, "fixedstringtest");
    printf(data);
    fprintf(stdout, data);
}

void print_count(int n)
{
    char line[32];
    snprintf(line, sizeof line, "%d items\n", n);
    printf(line);
}

void print_choice(int flag)
{
    char msg[64];
    if (flag)
        strcpy(msg, "enabled\n");
    else
        strcpy(msg, "disabled\n");
    strcat(msg, "\n");
    msg[0] = 'E';
    printf(msg);
}
