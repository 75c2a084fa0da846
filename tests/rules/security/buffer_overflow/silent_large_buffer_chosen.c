#include <string.h>

/* The pointer is set to the large buffer on every path the copy is reached by. */
void store_line(int dead)
{
    char *data;
    char small[50];
    char big[100];
    char source[100];

    (void)small;
    data = big;
    memset(source, 'C', 99);
    source[99] = '\0';
    memcpy(data, source, 100);
    if (dead) {
        char *other = small;
        other[0] = '\0';
    } else {
        data = big;
        memmove(data, source, sizeof(source));
    }
}
