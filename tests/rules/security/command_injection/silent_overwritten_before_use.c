#include <stdlib.h>
#include <string.h>

/* The untrusted value is replaced before the command runs. */
void use_default_shell(void)
{
    char *shell = getenv("SHELL");

    if (shell != NULL && strlen(shell) > 64)
        shell = NULL;
    shell = "/bin/sh -c true";
    system(shell);
}

void reuse_buffer(void)
{
    char buf[256];
    char *home = getenv("HOME");

    if (home == NULL)
        return;
    strcpy(buf, home);
    /* the buffer is reused for a fixed command */
    strcpy(buf, "sync");
    system(buf);
}
