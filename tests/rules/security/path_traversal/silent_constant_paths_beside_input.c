#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

/* Input is read, but the files opened have fixed names or names built from numbers. */
int log_request(int client, unsigned request_id)
{
    char request[512];
    char path[64];
    FILE *log;
    ssize_t n = recv(client, request, sizeof(request) - 1, 0);

    if (n <= 0)
        return -1;
    request[n] = '\0';
    log = fopen("/var/log/tinyd/requests.log", "a");
    if (log != NULL) {
        fprintf(log, "%u %s\n", request_id, request);
        fclose(log);
    }
    snprintf(path, sizeof(path), "/var/lib/tinyd/%u.req", request_id);
    log = fopen(path, "w");
    if (log == NULL)
        return -1;
    fputs(request, log);
    fclose(log);
    return 0;
}
