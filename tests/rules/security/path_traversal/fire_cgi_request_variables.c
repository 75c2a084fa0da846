#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A CGI program: the web server passes the request in the environment. The file to show
 * comes from the query string and the directory from PATH_INFO, both chosen by the client. */
int main(void)
{
    const char *query = getenv("QUERY_STRING");
    const char *info = getenv("PATH_INFO");
    char page[4096];
    char path[256];
    ssize_t n;
    int fd;

    printf("Content-Type: text/plain\r\n\r\n");
    if (query == NULL || strncmp(query, "file=", 5) != 0)
        return 0;
    fd = open(query + 5, O_RDONLY); // expect: security-path-traversal {{taken whole from the environment}}
    if (fd < 0)
        return 0;
    n = read(fd, page, sizeof(page));
    if (n > 0)
        fwrite(page, 1, (size_t)n, stdout);
    close(fd);
    if (info != NULL) {
        strcpy(path, "/var/www/data");
        strncat(path, info, sizeof(path) - strlen(path) - 1);
        mkdir(path, 0755); // expect: security-path-traversal {{CWE-23}}
    }
    return 0;
}
