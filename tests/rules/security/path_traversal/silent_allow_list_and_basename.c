#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/* Only the pages the server knows are opened. */
int open_page(int client)
{
    char page[64];
    ssize_t n = recv(client, page, sizeof(page) - 1, 0);

    if (n <= 0)
        return -1;
    page[n] = '\0';
    if (strcmp(page, "index.html") != 0 && strcmp(page, "about.html") != 0)
        return -1;
    return open(page, O_RDONLY);
}

/* basename() keeps the last component only: the upload lands in the spool directory. */
int store_upload(int client)
{
    char name[256];
    char path[512];
    const char *base;
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);

    if (n <= 0)
        return -1;
    name[n] = '\0';
    base = basename(name);
    snprintf(path, sizeof(path), "/var/spool/uploads/%s", base);
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
}
