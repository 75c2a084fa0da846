#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct paths {
    const char *config;
    const char *state;
};

/* Checks and uses of different files, or of a path in another function. */
int load(const struct paths *p, const char *fallback)
{
    struct stat st;

    if (stat(p->config, &st) != 0)
        return open(p->state, O_RDONLY);
    if (access(fallback, R_OK) == 0)
        return open("/etc/app/defaults.conf", O_RDONLY);
    return -1;
}

int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

FILE *open_existing(const char *path)
{
    return fopen(path, "r");
}

int two_locals(void)
{
    struct stat st;
    int fd = -1;

    {
        const char *name = "/run/app.sock";
        if (stat(name, &st) != 0)
            return -1;
    }
    {
        const char *name = "/run/app.pid";
        fd = open(name, O_RDONLY);
    }
    return fd;
}
