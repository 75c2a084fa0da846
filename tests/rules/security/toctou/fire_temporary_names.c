#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* tmpnam, tempnam and mktemp return a name; the file is created later, by which time another
 * process may have created it (or a symlink with that name). */
int scratch_fd(void)
{
    char name[L_tmpnam];

    if (tmpnam(name) == NULL)
        return -1;
    return open(name, O_RDWR | O_CREAT, 0600); // expect: security-toctou {{'open' creates the file named by 'tmpnam' without failing when it exists}}
}

FILE *report_file(void)
{
    char *name = tempnam("/tmp", "rpt");
    FILE *f;

    if (name == NULL)
        return NULL;
    f = fopen(name, "w+"); // expect: security-toctou {{mkstemp(), mkdtemp() or tmpfile()}}
    free(name);
    return f;
}

int lock_file(void)
{
    char path[] = "/tmp/app-lock-XXXXXX";
    char *made;

    made = mktemp(path);
    if (made == NULL || made[0] == '\0')
        return -1;
    return creat(path, 0600); // expect: security-toctou {{'creat' creates the file named by 'mktemp'}}
}
