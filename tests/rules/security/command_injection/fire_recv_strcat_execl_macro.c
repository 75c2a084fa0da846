#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define COMMAND_INT_PATH "/bin/sh"
#define COMMAND_ARG1 "-c"
#define EXECL execl

/* The connect-socket shape of the Juliet suite: the command text is appended to a
 * prefix through a pointer into the buffer, then run by a shell through a macro. */
void run_remote_listing(int sock)
{
    char *data;
    char buffer[100] = "ls ";
    char *replace;
    size_t len;
    ssize_t got;

    data = buffer;
    len = strlen(data);
    got = recv(sock, (char *)(data + len), sizeof(char) * (100 - len - 1), 0);
    if (got <= 0)
        return;
    data[len + (size_t)got] = '\0';
    replace = strchr(data, '\r');
    if (replace)
        *replace = '\0';
    replace = strchr(data, '\n');
    if (replace)
        *replace = '\0';
    EXECL(COMMAND_INT_PATH, COMMAND_INT_PATH, COMMAND_ARG1, data, NULL); // expect: security-command-injection {{from the network}}
}
