// Pointers start NULL so that one cleanup label can release whatever was made; the label
// tests each one before use. A pointer handed out by address may come back set.
#include <stdio.h>
#include <stdlib.h>

int open_pair(const char *a, const char *b, FILE **out);
int fill_buffer(char **out);

int copy_files(const char *from, const char *to)
{
    FILE *in = NULL;
    FILE *out = NULL;
    char *buf = NULL;
    int rc = -1;

    in = fopen(from, "rb");
    if (in == NULL)
        goto cleanup;
    out = fopen(to, "wb");
    if (out == NULL)
        goto cleanup;
    buf = malloc(4096);
    if (buf == NULL)
        goto cleanup;
    rc = 0;
cleanup:
    free(buf);
    if (out != NULL)
        fclose(out);
    if (in)
        fclose(in);
    return rc;
}

int first_byte(void)
{
    char *data = NULL;
    if (fill_buffer(&data) != 0)
        return -1;
    return data[0];
}
