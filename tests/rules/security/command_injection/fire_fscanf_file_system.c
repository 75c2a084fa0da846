#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A job file names the archive to unpack; the name goes straight into a shell command. */
int unpack_from_jobfile(const char *jobfile)
{
    char archive[128];
    char cmd[300] = "tar xzf ";
    FILE *f = fopen(jobfile, "r");

    if (f == NULL)
        return -1;
    if (fscanf(f, "%127s", archive) != 1) {
        fclose(f);
        return -1;
    }
    fclose(f);
    strncat(cmd, archive, sizeof cmd - strlen(cmd) - 1);
    return system(cmd); // expect: security-command-injection {{from a file}}
}
