// ecg-options: {"parameters": true, "unknown_text": true}
// Formats that are not constants but not known to come from input: warnings. A parameter of
// an exported function, a field and another file's result are reported only when asked.
#include <stdio.h>
#include <wchar.h>

struct config {
    const char *banner;
};

const char *current_banner(void);

void log_raw(FILE *out, const char *msg)
{
    fprintf(out, msg); // expect: security-format-string {{it is a parameter}}
}

void greet(const char *user, const char *host)
{
    char line[128];
    snprintf(line, sizeof line, "%s@%s: ", user, host);
    printf(line); // expect: security-format-string {{built from non-constant text}}
}

void show_banner(const struct config *cfg)
{
    printf(cfg->banner); // expect: security-format-string {{not a constant}}
    printf(current_banner()); // expect: security-format-string {{printf("%s", s)}}
}

void show_wide(const wchar_t *text)
{
    wprintf(text); // expect: security-format-string {{wprintf(L"%ls", text)}}
}
