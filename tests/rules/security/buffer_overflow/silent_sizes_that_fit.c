#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Copies bounded by the destination: sizeof, the space left, an allocation with room. */
int copy_fitting(const char *name, const char *record)
{
    char title[16];
    char dest[50] = "";
    char line[50];
    wchar_t wide[11];
    char *copy = malloc(strlen(name) + 1);
    int *counts = malloc(10 * sizeof(*counts));
    double *scale = malloc(sizeof(*scale));

    if (copy == NULL || counts == NULL || scale == NULL)
        return -1;
    strcpy(title, "Welcome back");
    memset(line, 'A', 50 - 1);
    line[50 - 1] = '\0';
    strcat(dest, line);
    strncat(dest, record, sizeof(dest) - strlen(dest) - 1);
    wcscpy(wide, L"0123456789");
    strcpy(copy, name);
    memset(counts, 0, 10 * sizeof(int));
    snprintf(title, sizeof(title), "%s", record);
    if (fgets(line, sizeof(line), stdin) == NULL)
        return -1;
    *scale = 1.0;
    return 0;
}
