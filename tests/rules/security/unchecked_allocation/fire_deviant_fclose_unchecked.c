// A file that checks fclose's result wherever it writes data, except in one place: the
// discarded call is reported because the file itself shows the result matters (CWE-252).
#include <stdio.h>
#include <string.h>

struct settings {
    char name[64];
    int width;
    int height;
};

int settings_save(const struct settings *s, const char *path)
{
    FILE *out = fopen(path, "w");

    if (out == NULL)
        return -1;
    fprintf(out, "name=%s\nwidth=%d\nheight=%d\n", s->name, s->width, s->height);
    if (fclose(out) != 0)
        return -1;
    return 0;
}

int history_append(const char *path, const char *line)
{
    FILE *out = fopen(path, "a");

    if (out == NULL)
        return -1;
    fputs(line, out);
    if (fclose(out) == EOF) {
        perror(path);
        return -1;
    }
    return 0;
}

int snapshot_write(const char *path, const unsigned char *data, size_t len)
{
    FILE *out = fopen(path, "wb");

    if (out == NULL)
        return -1;
    if (fwrite(data, 1, len, out) != len) {
        fclose(out); // expect: security-unchecked-allocation {{checked at 2 of 4 calls}}
        return -1;
    }
    fclose(out); // expect: security-unchecked-allocation {{here it is discarded}}
    return 0;
}
