#include <stdlib.h>

/* A loop whose bounds make it run once frees once. */
void release_in_single_pass(void)
{
    char *data = malloc(16);
    int i;

    if (data == NULL)
        return;
    for (i = 0; i < 1; i++) {
        free(data);
    }
}
