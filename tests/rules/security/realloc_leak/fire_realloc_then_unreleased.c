#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

/* Both defects at once: the growing realloc can leak the first block, and the grown block
 * is never freed. */
void greet_twice(void)
{
    char *data = NULL;

    data = (char *)realloc(data, 100 * sizeof(char)); // expect: security-realloc-leak {{never freed}}
    if (data == NULL)
        exit(-1);
    strcpy(data, "A String");
    print_line(data);
    data = (char *)realloc(data, 200 * sizeof(char)); // expect: security-realloc-leak {{'data' is overwritten}}
    if (data != NULL) {
        strcpy(data, "New String");
        print_line(data);
    }
}
