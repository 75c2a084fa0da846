#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#define DOC_ROOT "/srv/files"

/* A tiny file server: the client sends a file name, the server sends the file back. The
 * name is joined to the document root unchecked, so "../../etc/shadow" escapes it. */
static int send_file(int client, const char *name)
{
    char path[512];
    char chunk[1024];
    size_t got;
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", DOC_ROOT, name);
    fp = fopen(path, "rb"); // expect: security-path-traversal {{relative path traversal, CWE-23}}
    if (fp == NULL)
        return -1;
    while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        send(client, chunk, got, 0);
    fclose(fp);
    return 0;
}

int serve_one(int client)
{
    char request[256];
    ssize_t n = recv(client, request, sizeof(request) - 1, 0);
    char *nl;

    if (n <= 0)
        return -1;
    request[n] = '\0';
    nl = strchr(request, '\n');
    if (nl != NULL)
        *nl = '\0';
    return send_file(client, request);
}
