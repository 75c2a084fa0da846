// Results of functions that may return NULL, tested before use, used only as a pointer value,
// or replaced by a default.
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t shell_length(void)
{
    const char *shell = getenv("SHELL");
    if (shell == NULL)
        shell = "/bin/sh";
    return strlen(shell);
}

const char *user_dir(const char *login)
{
    struct passwd *pw = getpwnam(login);
    return pw != NULL ? pw->pw_dir : "/";
}

int has_editor(void)
{
    char *editor = getenv("EDITOR");
    return editor != NULL && editor[0] != '\0';
}

void print_lang(void)
{
    const char *lang = getenv("LANG");
    if (!lang)
        return;
    printf("%s\n", lang);
}

const char *first_colon(const char *text)
{
    const char *colon = strchr(text, ':');
    return colon + 1;
}

size_t columns(void)
{
    if (getenv("COLUMNS") != NULL)
        return strlen(getenv("COLUMNS"));
    return getenv("LINES") ? strlen(getenv("LINES")) : 0;
}

const char *env_or_default(void)
{
    return getenv("TMPDIR");
}
