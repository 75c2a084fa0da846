#include <string.h>

#define SLOTS 10

/* Loops whose bound is the source's size or one past the destination's. */
void copy_slots(const int *source)
{
    int slots[SLOTS];
    int history[50];
    char dest[50] = "";
    char data[100];
    size_t i, len;

    for (i = 0; i <= SLOTS; i++)
        slots[i] = source[i]; // expect: security-buffer-overflow {{index 10, past its 10 elements}}
    for (i = 0; i < 100; i++)
        history[i] = 0; // expect: security-buffer-overflow {{index 99}}
    memset(data, 'A', 99);
    data[99] = '\0';
    len = strlen(data);
    for (i = 0; i < len; i++)
        dest[i] = data[i]; // expect: security-buffer-overflow {{index 98, past its 50}}
    slots[SLOTS] = 0; // expect: security-buffer-overflow {{index 10}}
    (void)history;
}
