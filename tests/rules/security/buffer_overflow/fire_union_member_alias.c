#include <string.h>

union view {
    char *text;
    unsigned char *bytes;
};

/* A pointer stored through one member of a union and read back through another. */
void pack(const unsigned char *src)
{
    char small[24];
    union view v;
    unsigned char *out;

    v.text = small;
    out = v.bytes;
    memcpy(out, src, 32); // expect: security-buffer-overflow {{room for 24}}
}
