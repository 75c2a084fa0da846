#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A command-line tool opens the files its user names and a file in the user's home: the
 * user could open them directly, so nothing crosses a trust boundary. */
static FILE *open_history(void)
{
    const char *home = getenv("HOME");
    char path[512];

    if (home == NULL)
        return NULL;
    snprintf(path, sizeof(path), "%s/.wc_history", home);
    return fopen(path, "a");
}

int main(int argc, char **argv)
{
    FILE *history = open_history();
    long lines = 0;
    int c;

    for (int i = 1; i < argc; i++) {
        FILE *in = fopen(argv[i], "r");
        if (in == NULL) {
            perror(argv[i]);
            continue;
        }
        while ((c = fgetc(in)) != EOF)
            lines += c == '\n';
        fclose(in);
    }
    printf("%ld\n", lines);
    if (history != NULL)
        fclose(history);
    return 0;
}
