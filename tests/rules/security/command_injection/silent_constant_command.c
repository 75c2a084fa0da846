#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXECL execl

/* Juliet's goodG2B: the same sink, fed a fixed string. */
void good_g2b(void)
{
    char *data;
    char data_buffer[100] = "ls ";

    data = data_buffer;
    strcat(data, "*.*");
    EXECL("/bin/sh", "/bin/sh", "-c", data, NULL);
}

void rotate_logs(void)
{
    char cmd[128];

    strcpy(cmd, "logrotate ");
    strcat(cmd, "/etc/logrotate.conf");
    system(cmd);
}
