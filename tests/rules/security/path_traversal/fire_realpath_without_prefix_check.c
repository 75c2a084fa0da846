#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/types.h>

/* realpath() removes "../" but does not keep the result inside the upload directory:
 * without a check of its prefix the resolved name can still be any file. */
FILE *open_upload(int sock)
{
    char name[PATH_MAX];
    char resolved[PATH_MAX];
    ssize_t n = recv(sock, name, sizeof(name) - 1, 0);

    if (n <= 0)
        return NULL;
    name[n] = '\0';
    if (realpath(name, resolved) == NULL)
        return NULL;
    return fopen(resolved, "wb"); // expect: security-path-traversal {{from the network}}
}
