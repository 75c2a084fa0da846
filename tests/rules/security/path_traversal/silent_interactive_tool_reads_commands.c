#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* An interactive shell reads its commands from the terminal or a script its user gives:
 * ".open FILE" and ".cd DIR" name files the user may open anyway. Standard input and
 * files are not untrusted sources for this rule unless the options say so. */
static int do_command(char *line)
{
    if (strncmp(line, ".cd ", 4) == 0)
        return chdir(line + 4);
    if (strncmp(line, ".open ", 6) == 0) {
        FILE *fp = fopen(line + 6, "rb");
        if (fp == NULL)
            return -1;
        fclose(fp);
    }
    return 0;
}

int run_script(FILE *in)
{
    char line[1024];

    while (fgets(line, sizeof(line), in) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (do_command(line) != 0)
            fprintf(stderr, "error: %s\n", line);
    }
    return 0;
}

int main(void)
{
    return run_script(stdin);
}
