#include <stdlib.h>
#include <string.h>

void send_command(char **argv, int argc);

/* Each iteration declares the array again: what the previous one freed in it is gone. */
void replicate_pops(char **keys, int n, long count)
{
    for (int i = 0; i < n; i++) {
        char *argv[3];
        int argc = 2;

        argv[0] = "POP";
        argv[1] = keys[i];
        if (count != -1) {
            argv[2] = malloc(24);
            if (argv[2] == NULL)
                return;
            memcpy(argv[2], "1", 2);
            argc++;
        }
        send_command(argv, argc);
        if (count != -1)
            free(argv[2]);
    }
}
