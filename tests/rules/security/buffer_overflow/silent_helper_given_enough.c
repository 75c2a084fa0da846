#include <string.h>

/* Every caller of the helper passes a buffer at least as large as what it writes. */
static void fill_header(char *out)
{
    memset(out, ' ', 64);
}

static void copy_label(const char *label)
{
    char field[16];

    memcpy(field, label, strlen(label) + 1);
}

void write_record(const char *unknown)
{
    char big[64];
    char label[40];

    fill_header(big);
    memset(label, 'x', 15);
    label[15] = '\0';
    copy_label(label);
    copy_label(unknown);
}
