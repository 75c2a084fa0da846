#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#define BASEPATH "/var/spool/reports/"

/* The shape of the Juliet CWE-23 cases: the buffer starts with the base directory and
 * the received name is written after it, through a pointer into the buffer. */
void print_report(int sock)
{
    char buffer[FILENAME_MAX] = BASEPATH;
    char *data = buffer;
    size_t len = strlen(data);
    ssize_t got;
    FILE *fp;

    got = recv(sock, (char *)(data + len), sizeof(char) * (FILENAME_MAX - len - 1), 0);
    if (got <= 0)
        return;
    data[len + (size_t)got] = '\0';
    fp = fopen(data, "r"); // expect: security-path-traversal {{CWE-23}}
    if (fp != NULL)
        fclose(fp);
}
