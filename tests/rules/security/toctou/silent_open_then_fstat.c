#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* The correct version: open once, then look at what was opened. */
int append_log(const char *path, const char *line)
{
    struct stat st;
    int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW);

    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    (void)write(fd, line, 1);
    return close(fd);
}

FILE *open_config(const char *path)
{
    FILE *f = fopen(path, "r");
    struct stat st;

    if (f != NULL && fstat(fileno(f), &st) == 0 && st.st_size > (1 << 20)) {
        fclose(f);
        return NULL;
    }
    return f;
}
