#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

struct job {
    int id;
    char action[64];
    char *note;
};

union alias {
    char *first;
    char *second;
};

/* The command text travels in a struct filled from the network. */
static void execute(const struct job *j)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "/usr/local/bin/%s", j->action);
    system(cmd); // expect: security-command-injection {{from the network}}
}

void serve_job(int sock)
{
    struct job j = { 0 };

    if (recv(sock, j.action, sizeof j.action - 1, 0) <= 0)
        return;
    j.note = "queued";
    execute(&j);
}

void through_union(void)
{
    union alias a;
    char *data = getenv("CMD");

    a.first = data;
    {
        char *cmd = a.second;
        system(cmd); // expect: security-command-injection
    }
}
