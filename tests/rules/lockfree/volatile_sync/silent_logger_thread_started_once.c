/* A single logger thread keeps its own volatile statistics: the function that updates them
 * is started once, outside any loop, so only one thread ever touches them. */
#include <pthread.h>
#include <stdio.h>

int log_queue_pop(char *line, size_t size);

static volatile unsigned long lines_written;
static volatile unsigned long bytes_written;

static void *logger_main(void *arg)
{
    FILE *out = arg;
    char line[256];

    while (log_queue_pop(line, sizeof(line)) == 0) {
        int n = fprintf(out, "%s\n", line);
        if (n > 0)
            bytes_written = bytes_written + (unsigned long)n;
        lines_written++;
    }
    fprintf(out, "logger: %lu lines, %lu bytes\n", lines_written, bytes_written);
    return NULL;
}

int logger_start(pthread_t *thread, FILE *out)
{
    return pthread_create(thread, NULL, logger_main, out);
}
