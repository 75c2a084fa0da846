#include <stdio.h>

/* Hash and checksum updates on unsigned values wrap by design. */
unsigned int djb2_line(FILE *in)
{
    char line[128];
    unsigned int h = 5381;

    if (fgets(line, sizeof line, in) == NULL)
        return 0;
    for (const char *p = line; *p != '\0'; p++)
        h = h * 33 + (unsigned char)*p;
    return h;
}

unsigned long fnv1a_line(FILE *in)
{
    char line[128];
    unsigned long hash = 2166136261u;

    if (fgets(line, sizeof line, in) == NULL)
        return 0;
    for (const char *p = line; *p != '\0'; p++) {
        hash ^= (unsigned char)*p;
        hash *= 16777619u;
    }
    return hash;
}

unsigned int sum_bytes(FILE *in)
{
    unsigned char buf[64];
    unsigned int checksum = 0;
    size_t n = fread(buf, 1, sizeof buf, in);

    for (size_t i = 0; i < n; i++)
        checksum = (checksum << 1) + buf[i];
    return checksum;
}
