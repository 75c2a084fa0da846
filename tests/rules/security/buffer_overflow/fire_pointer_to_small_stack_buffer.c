#include <string.h>

/* A record is copied through a pointer that was set to the smaller of two buffers. */
void copy_record(const char *record)
{
    char *out;
    char small[50];
    char large[100];
    char source[100];

    (void)large;
    out = small;
    out[0] = '\0';
    memset(source, 'C', sizeof(source) - 1);
    source[sizeof(source) - 1] = '\0';
    memcpy(out, source, 100 * sizeof(char)); // expect: security-buffer-overflow {{writes 100 bytes into 'out', which has room for 50}}
    strncpy(out, record, 99); // expect: security-buffer-overflow {{'strncpy' writes 99 bytes}}
}
