#include <stdio.h>
#include <stdlib.h>

/* backup <dir> <name>: builds a tar command from its arguments. */
int main(int argc, char **argv)
{
    char cmd[1024];

    if (argc != 3)
        return 2;
    snprintf(cmd, sizeof cmd, "tar czf /backups/%s.tgz %s", argv[2], argv[1]);
    if (system(cmd) != 0) { // expect: security-command-injection {{command line}}
        fprintf(stderr, "backup failed\n");
        return 1;
    }
    return 0;
}
