#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The sink is in a helper; the untrusted data comes from the callers. */
static int compress_file(const char *name)
{
    char cmd[256];

    snprintf(cmd, sizeof cmd, "gzip -9 '%s'", name);
    return system(cmd); // expect: security-command-injection {{from a file descriptor}}
}

static int archive_all(const char *dir)
{
    return compress_file(dir);
}

int handle_request(int sock)
{
    char name[64];
    ssize_t n = read(sock, name, sizeof name - 1);

    if (n <= 0)
        return -1;
    name[n] = '\0';
    return archive_all(name);
}

int nightly(void)
{
    return compress_file("/var/log/app.log");
}
