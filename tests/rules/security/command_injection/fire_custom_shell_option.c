// ecg-options: {"shells": ["sh", "rsh-wrapper"]}
#include <stdlib.h>
#include <unistd.h>

/* A site wrapper that runs its argument the way a shell does. */
void run_wrapped(void)
{
    char *data = getenv("JOB");

    if (data != NULL)
        execl("/opt/site/bin/rsh-wrapper", "rsh-wrapper", data, (char *)NULL); // expect: security-command-injection
}
