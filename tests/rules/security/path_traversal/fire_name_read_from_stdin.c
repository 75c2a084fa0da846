// ecg-options: {"sources": ["stdin", "fd", "network"]}
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A cleanup service started by inetd: the connection is its standard input, which the
 * project declares untrusted in the options. Each line names a spool file to delete, and
 * nothing stops "/etc/passwd". */
int main(void)
{
    char line[256];

    while (fgets(line, sizeof(line), stdin) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0')
            continue;
        if (unlink(line) != 0) // expect: security-path-traversal {{from standard input}}
            perror("unlink");
    }
    return 0;
}
