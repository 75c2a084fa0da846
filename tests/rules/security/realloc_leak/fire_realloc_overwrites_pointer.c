#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buffer {
    char *data;
    size_t len;
    size_t cap;
};

/* The growth step every hand-written buffer has, done the leaking way. */
int buffer_append(struct buffer *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->data = realloc(b->data, b->cap); // expect: security-realloc-leak {{'data' is overwritten with the result of 'realloc': when realloc fails it returns NULL and the block 'data' pointed to leaks}}
        if (b->data == NULL)
            return -1;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

int push_line(char ***lines, size_t *count, char *line)
{
    *lines = (char **)realloc(*lines, (*count + 1) * sizeof(**lines)); // expect: security-realloc-leak {{assign the result to a temporary, check it, then store it}}
    if (*lines == NULL)
        return -1;
    (*lines)[(*count)++] = line;
    return 0;
}

int grow_slot(char *slots[], int i, size_t n)
{
    if ((slots[i] = realloc(slots[i], n)) == NULL) // expect: security-realloc-leak {{'slots'}}
        return -1;
    return 0;
}

char *read_all(FILE *f)
{
    size_t cap = 256, len = 0;
    char *text = malloc(cap);

    while (text != NULL && fgets(text + len, (int)(cap - len), f) != NULL) {
        len += strlen(text + len);
        if (cap - len < 2) {
            cap *= 2;
            text = reallocarray(text, cap, 1); // expect: security-realloc-leak {{'reallocarray'}}
        }
    }
    return text;
}
