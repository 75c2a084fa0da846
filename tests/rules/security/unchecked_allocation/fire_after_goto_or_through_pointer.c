// A forward goto carries the unchecked allocation to its label; a helper called through a
// local function pointer dereferences its argument.
#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

static void fill(char *data)
{
    strcpy(data, "Initialize");
    print_line(data);
}

void jump_to_use(void)
{
    char *data = NULL;
    data = (char *)malloc(20 * sizeof(char));
    goto sink;
sink:
    strcpy(data, "Initialize"); // expect: security-unchecked-allocation {{'malloc'}}
    free(data);
}

void call_through_pointer(void)
{
    void (*sink)(char *) = fill;
    char *data = (char *)malloc(20 * sizeof(char));
    sink(data); // expect: security-unchecked-allocation {{passed to 'fill'}}
    free(data);
}

int cleanup_path(size_t n, char *out)
{
    char *tmp = malloc(n);
    if (tmp == NULL)
        goto done;
    tmp[0] = 'x';
    out[0] = tmp[0];
    free(tmp);
    return 0;
done:
    tmp[0] = '\0'; // expect: security-unchecked-allocation {{NULL on this path}}
    return -1;
}
