#include <stdlib.h>
#include <string.h>

struct conn {
    char *buf;
    int fd;
};

/* The error path frees the buffer, then the common cleanup frees it again. */
int conn_read_header(struct conn *c, size_t n)
{
    char *line = malloc(n);

    if (line == NULL)
        return -1;
    if (c->fd < 0) {
        free(line);
        goto fail;
    }
    memset(line, 0, n);
    free(line);
    return 0;
fail:
    free(line); // expect: security-use-after-free {{'line' is freed again after it was freed at line 17}}
    return -1;
}

/* A field released twice. */
void conn_close(struct conn *c)
{
    free(c->buf);
    c->fd = -1;
    free(c->buf); // expect: security-use-after-free {{'c->buf' is freed again}}
}

/* Nothing reassigns the pointer between iterations: the second pass frees it again. */
void drain(char *scratch, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        free(scratch); // expect: security-use-after-free {{CWE-415}}
    }
}
