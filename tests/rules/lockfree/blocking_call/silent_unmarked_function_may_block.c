// Functions without the mark may block: logging setup allocates and prints freely.
#include <stdio.h>
#include <stdlib.h>

struct logger {
    FILE *out;
    char *prefix;
};

struct logger *logger_new(const char *path)
{
    struct logger *lg = malloc(sizeof(*lg));

    if (lg == NULL)
        return NULL;
    lg->out = fopen(path, "a");
    lg->prefix = NULL;
    if (lg->out == NULL) {
        free(lg);
        return NULL;
    }
    fprintf(lg->out, "started\n");
    return lg;
}
