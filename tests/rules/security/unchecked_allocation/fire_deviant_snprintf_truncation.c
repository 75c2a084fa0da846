// snprintf into fixed buffers: the file tests for truncation at two calls and forgets it at a
// third, whose size has nothing to do with an earlier measured length.
#include <stdio.h>

int make_path(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);

    if (n < 0 || (size_t)n >= size)
        return -1;
    return 0;
}

int make_key(char *out, size_t size, const char *user, int id)
{
    if (snprintf(out, size, "%s:%d", user, id) >= (int)size)
        return -1;
    return 0;
}

void make_backup_path(char *out, size_t size, const char *path)
{
    snprintf(out, size, "%s.bak", path); // expect: security-unchecked-allocation {{the result of 'snprintf' is checked at 2 of 3 calls in this file}}
}
