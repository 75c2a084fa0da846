// Text read from a socket, a file, standard input, the environment or the command line
// used as the format string: an error, with the input call named.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>

void echo_request(int sock)
{
    char buffer[100] = "";
    char *data = buffer;
    size_t len = strlen(data);
    ssize_t got = recv(sock, (char *)(data + len), sizeof(char) * (100 - len - 1), 0);
    if (got <= 0)
        return;
    data[len + (size_t)got] = '\0';
    printf(data); // expect: security-format-string {{untrusted input ('recv')}}
}

void echo_line(FILE *in)
{
    char buffer[100] = "";
    char *data = buffer;
    size_t len = strlen(data);
    if (fgets(data + len, (int)(100 - len), in) == NULL)
        return;
    fprintf(stdout, data); // expect: security-format-string {{'fgets'}}
}

void format_setting(char *dest)
{
    char buffer[100] = "";
    char *data = buffer;
    size_t len = strlen(data);
    char *environment = getenv("ADD");
    if (environment != NULL)
        strncat(data + len, environment, 100 - len - 1);
    snprintf(dest, 100 - 1, data); // expect: security-format-string {{'getenv'}}
}

void log_word(FILE *in)
{
    char word[64];
    if (fscanf(in, "%63s", word) != 1)
        return;
    syslog(LOG_INFO, word); // expect: security-format-string {{'fscanf'}}
}

int main(int argc, char **argv)
{
    if (argc > 1)
        printf(argv[1]); // expect: security-format-string {{'argv'}}
    return 0;
}
