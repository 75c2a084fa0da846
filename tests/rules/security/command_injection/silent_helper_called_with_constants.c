#include <stdlib.h>
#include <string.h>

static int run(const char *cmd)
{
    return system(cmd);
}

static size_t name_length(const char *name)
{
    return strlen(name);
}

/* Untrusted data goes to a helper without a sink; the helper with a sink only ever gets
 * constants. */
int setup(void)
{
    char *user = getenv("USER");

    if (user != NULL && name_length(user) > 32)
        return -1;
    return run("mkdir -p /tmp/work");
}
