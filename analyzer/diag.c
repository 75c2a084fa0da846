/* Failure detail recording; see diag.h. */
#include "analyzer/diag.h"

#include <stdarg.h>
#include <string.h>

void ecg_diag_set(struct ecg_diag *diag, const char *path, unsigned line, unsigned col,
                  const char *fmt, ...)
{
    va_list ap;

    if (diag == NULL)
        return;
    snprintf(diag->path, sizeof(diag->path), "%s", path != NULL ? path : "");
    diag->line = line;
    diag->col = col;
    va_start(ap, fmt);
    vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
    va_end(ap);
}

void ecg_diag_clear(struct ecg_diag *diag)
{
    memset(diag, 0, sizeof(*diag));
}

void ecg_diag_print(const struct ecg_diag *diag, FILE *out, const char *severity)
{
    if (diag->path[0] != '\0') {
        fputs(diag->path, out);
        if (diag->line > 0)
            fprintf(out, ":%u", diag->line);
        if (diag->line > 0 && diag->col > 0)
            fprintf(out, ":%u", diag->col);
        fputs(": ", out);
    } else {
        fputs("ecg: ", out);
    }
    fprintf(out, "%s: %s\n", severity,
            diag->message[0] != '\0' ? diag->message : "unknown failure");
}
