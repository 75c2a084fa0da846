/* inventory NAME SKU COUNT: prints one item's label. */
#include <stdio.h>
#include <stdlib.h>

#include "item.h"

void report_header(char *line, const char *store);

int main(int argc, char **argv)
{
    struct item it;
    char label[64];
    char line[4096];

    if (argc < 4) {
        fprintf(stderr, "usage: inventory NAME SKU COUNT\n");
        return 2;
    }
    item_init(&it, argv[1], argv[2], (int)strtol(argv[3], NULL, 10));
    item_label(&it, label);
    report_header(line, "main");
    puts(line);
    puts(label);
    return 0;
}
