#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* A setuid helper checks that the log is a regular file, then opens it by name: between the
 * two calls the name can be pointed at /etc/shadow. */
int append_log(const char *path, const char *line)
{
    struct stat st;
    int fd = -1;

    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        fd = open(path, O_WRONLY | O_APPEND); // expect: security-toctou {{'open' uses a path that 'stat' checked earlier}}
        if (fd < 0)
            return -1;
        (void)write(fd, line, 1);
        close(fd);
    }
    return fd < 0 ? -1 : 0;
}

#define SPOOL_FILE "/var/spool/app/queue"

int spool_claim(void)
{
    struct stat st;

    if (lstat(SPOOL_FILE, &st) != 0 || S_ISLNK(st.st_mode))
        return -1;
    return open(SPOOL_FILE, O_RDWR); // expect: security-toctou {{'lstat' checked earlier}}
}
