#include <stdlib.h>
#include <string.h>

/* A helper fills the buffer it is given and hands it back; the caller keeps the result in
 * the same variable it passed, then copies the string into a smaller array. */
static char *fill_banner(char *buf)
{
    memset(buf, '=', 79);
    buf[79] = '\0';
    return buf;
}

void print_banner(void)
{
    char storage[80];
    char *banner = storage;
    char line[40];

    banner = fill_banner(banner);
    strcpy(line, banner); // expect: security-buffer-overflow {{room for 40}}
}

void print_banner_length(void)
{
    char storage[80];
    char *banner = fill_banner(storage);
    char line[40];
    size_t n;

    n = strlen(banner);
    memcpy(line, banner, n); // expect: security-buffer-overflow {{writes 79 bytes}}
}
