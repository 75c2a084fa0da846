#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#define UPLOAD_DIR "/srv/uploads/"

/* The resolved path must start with the upload directory: "../" and symbolic links
 * cannot lead out of it. */
FILE *open_upload_checked(int sock)
{
    char name[PATH_MAX];
    char joined[PATH_MAX];
    char resolved[PATH_MAX];
    ssize_t n = recv(sock, name, sizeof(name) - 1, 0);

    if (n <= 0)
        return NULL;
    name[n] = '\0';
    snprintf(joined, sizeof(joined), "%s%s", UPLOAD_DIR, name);
    if (realpath(joined, resolved) == NULL)
        return NULL;
    if (strncmp(resolved, UPLOAD_DIR, strlen(UPLOAD_DIR)) != 0)
        return NULL;
    return fopen(resolved, "rb");
}
