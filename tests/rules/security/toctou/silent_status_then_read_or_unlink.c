#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* stat() to give a better error, then a read-only open: if the file is swapped in between,
 * the program only reads different content. */
FILE *open_input(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
        return NULL;
    return fopen(path, "rb");
}

int open_config(const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return -1;
    return open(path, O_RDONLY | O_CLOEXEC);
}

/* unlink and rmdir act on the name itself and do not follow a symbolic link. */
int remove_path(const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    return rmdir(path);
}
