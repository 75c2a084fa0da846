#include <stdlib.h>

void trusted_admin_hook(void)
{
    char *hook = getenv("ADMIN_HOOK");

    if (hook != NULL)
        system(hook); // NOLINT(security-command-injection): set by the deployment, not by users
}
