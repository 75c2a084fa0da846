#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#define DOC_ROOT "/srv/files"

/* The received name is rejected when it holds "..", or any '/': what is joined to the
 * document root stays inside it. */
int serve_checked(int client)
{
    char name[256];
    char path[512];
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);
    FILE *fp;

    if (n <= 0)
        return -1;
    name[n] = '\0';
    if (strstr(name, "..") != NULL)
        return -1;
    snprintf(path, sizeof(path), "%s/%s", DOC_ROOT, name);
    fp = fopen(path, "rb");
    if (fp == NULL)
        return -1;
    fclose(fp);
    return 0;
}

int delete_spool_entry(int fd)
{
    char name[64];
    char path[128];
    ssize_t n = read(fd, name, sizeof(name) - 1);

    if (n <= 0)
        return -1;
    name[n] = '\0';
    if (strchr(name, '/') != NULL || name[0] == '.')
        return -1;
    snprintf(path, sizeof(path), "/var/spool/jobs/%s", name);
    return unlink(path);
}
