#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Strings whose length is known from a literal or a fill are copied into smaller arrays. */
void build_banner(void)
{
    char title[8];
    char line[100];
    char dest[50] = "";
    wchar_t wide[10];

    strcpy(title, "Welcome back"); // expect: security-buffer-overflow {{'strcpy' writes 13 bytes into 'title'}}
    memset(line, 'A', 100 - 1);
    line[100 - 1] = '\0';
    strcat(dest, line); // expect: security-buffer-overflow {{'strcat' writes 100 bytes into 'dest'}}
    wcscpy(wide, L"0123456789"); // expect: security-buffer-overflow {{'wcscpy' writes 44 bytes into 'wide'}}
    puts(title);
}
