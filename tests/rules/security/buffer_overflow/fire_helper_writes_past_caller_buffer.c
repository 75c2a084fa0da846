#include <stdlib.h>
#include <string.h>

/* A helper fills the buffer it is given with a fixed amount; one caller passes less. */
static void fill_header(char *out)
{
    memset(out, ' ', 64);
}

static char *make_name(void)
{
    char *name = malloc(8);

    if (name == NULL)
        exit(1);
    return name;
}

static void copy_label(const char *label)
{
    char field[16];

    memcpy(field, label, strlen(label) + 1);
}

void write_record(void)
{
    char small[32];
    char label[40];
    char *name = make_name();
    void (*fill)(char *) = fill_header;

    fill_header(small); // expect: security-buffer-overflow {{'fill_header' writes 64 bytes}}
    fill(small); // expect: security-buffer-overflow {{room for 32}}
    strcpy(name, "too long a name"); // expect: security-buffer-overflow {{writes 16 bytes into 'name', which has room for 8}}
    memset(label, 'x', 39);
    label[39] = '\0';
    copy_label(label); // expect: security-buffer-overflow {{writes 40 bytes, from what 'label' holds here, into a buffer with room for 16}}
    free(name);
}
