// Formats built in the function from text that is not constant: warnings, since a '%' in
// the pieces becomes a directive.
#include <stdio.h>
#include <string.h>

void greet(const char *user, const char *host)
{
    char line[128];
    snprintf(line, sizeof line, "%s@%s: ", user, host);
    printf(line); // expect: security-format-string {{built from non-constant text}}
}

void report_path(FILE *out, const char *dir, const char *name)
{
    char msg[256] = "cannot open ";
    strncat(msg, dir, sizeof msg - strlen(msg) - 1);
    strncat(msg, name, sizeof msg - strlen(msg) - 1);
    fprintf(out, msg); // expect: security-format-string {{not a constant}}
}

/* An exported function: its calls in this file decide, and one passes built text. */
void log_line(FILE *out, const char *line)
{
    fputs("log: ", out);
    fprintf(out, line); // expect: security-format-string {{not a constant}}
}

void log_user(FILE *out, const char *user)
{
    char line[64];
    snprintf(line, sizeof line, "user %s logged in\n", user);
    log_line(out, line);
    log_line(out, "ready\n");
}
