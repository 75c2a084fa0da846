#include <string.h>

#define COPY_FIELD(dst, src) strcpy((dst), (src))

void copy(char *d, const char *s)
{
    COPY_FIELD(d, s); // expect:5: security-banned-function
}
