#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads an answer but runs a fixed command either way. */
int confirm_and_clean(void)
{
    char answer[8];

    printf("clean? ");
    if (fgets(answer, sizeof answer, stdin) == NULL)
        return -1;
    if (answer[0] != 'y')
        return 0;
    return system("rm -rf /tmp/build-cache");
}
