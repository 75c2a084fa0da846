// Constant formats: literals, ?: of literals, translations of a literal, const globals,
// tables of literals, locals that only ever hold literals, and data printed through "%s".
#include <libintl.h>
#include <stdio.h>
#include <syslog.h>

#define _(s) gettext(s)

static const char usage_fmt[] = "usage: %s [-v] file\n";
static const char *const level_names[] = { "debug: %s\n", "info: %s\n", "error: %s\n" };
static const char *const plain_banner = "ready\n";

void usage(const char *prog, int verbose)
{
    const char *fmt = "%s: done\n";
    printf(usage_fmt, prog);
    printf(verbose ? "%s: verbose\n" : "%s\n", prog);
    printf(_("Try '%s --help'\n"), prog);
    printf(ngettext("%d file\n", "%d files\n", verbose), verbose);
    if (verbose)
        fmt = "%s: finished\n";
    printf(fmt, prog);
    printf(plain_banner);
}

void log_at(int level, const char *text)
{
    if (level < 0 || level > 2)
        return;
    printf(level_names[level], text);
    syslog(LOG_INFO, "%s", text);
    fprintf(stderr, "%s\n", text);
}
