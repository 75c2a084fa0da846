#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* A prior existence check is harmless when the creation itself refuses an existing name. */
int create_pidfile(const char *pidfile)
{
    struct stat st;

    if (stat(pidfile, &st) == 0)
        return -1;
    return open(pidfile, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
}

/* Temporary files the safe ways. */
int scratch(char *dir_template)
{
    char path[] = "/tmp/app-XXXXXX";
    int fd = mkstemp(path);
    FILE *anon = tmpfile();

    if (anon != NULL)
        fclose(anon);
    if (mkdtemp(dir_template) == NULL)
        return -1;
    if (fd >= 0)
        unlink(path);
    return fd;
}
