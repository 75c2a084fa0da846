#include <stdlib.h>

void send_command(char **argv, int argc);

/* The array outlives the loop: the element freed in one iteration is freed again in the
 * next, which does not store a new block when the key is empty. */
void replicate_keys(char **keys, int n)
{
    char *argv[2];

    argv[1] = NULL;
    for (int i = 0; i < n; i++) {
        argv[0] = "DEL";
        if (keys[i][0] != '\0')
            argv[1] = malloc(16);
        send_command(argv, 2);
        free(argv[1]); // expect: security-use-after-free {{'argv[1]' is freed again}}
    }
}
