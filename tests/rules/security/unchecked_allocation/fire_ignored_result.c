// Calls whose result is their only report of failure, discarded as a statement (CWE-252).
#include <stdio.h>
#include <unistd.h>

void read_name(char *buf, int size)
{
    fgets(buf, size, stdin); // expect: security-unchecked-allocation {{'fgets' is ignored}}
    puts(buf);
}

void load(FILE *in, int *values, size_t n)
{
    fread(values, sizeof(int), n, in); // expect: security-unchecked-allocation {{short read}}
}

void parse(const char *text, int *out)
{
    sscanf(text, "%d", out); // expect: security-unchecked-allocation {{number of conversions}}
}

void replace_config(const char *tmp, const char *path)
{
    rename(tmp, path); // expect: security-unchecked-allocation {{'rename'}}
}

void drop_privileges(uid_t uid, gid_t gid)
{
    setgid(gid); // expect: security-unchecked-allocation {{CWE-273}}
    setuid(uid); // expect: security-unchecked-allocation {{privileges}}
}

void cleanup(const char *path, int really)
{
    if (really)
        remove(path); // expect: security-unchecked-allocation {{'remove'}}
}
