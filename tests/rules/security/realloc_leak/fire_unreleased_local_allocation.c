#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void print_line(const char *line);

struct pair {
    int first;
    int second;
};

void print_pair(const struct pair *p);

/* Allocated, used, and dropped when the function returns. */
void show_greeting(const char *name)
{
    char *data = (char *)malloc(100 * sizeof(char)); // expect: security-realloc-leak {{memory from 'malloc' stored in 'data' is never freed, returned or stored elsewhere before 'show_greeting' returns}}

    if (data == NULL)
        exit(-1);
    strcpy(data, "Hello, ");
    strncat(data, name, 50);
    print_line(data);
}

void show_pairs(int n)
{
    struct pair *pairs;

    pairs = calloc((size_t)n, sizeof(*pairs)); // expect: security-realloc-leak {{'calloc' stored in 'pairs'}}
    if (pairs == NULL)
        return;
    pairs[0].first = 1;
    pairs[0].second = 2;
    print_pair(&pairs[0]);
}

size_t label_length(const char *label)
{
    char *copy = strdup(label); // expect: security-realloc-leak {{'strdup'}}

    if (copy == NULL)
        return 0;
    copy[strcspn(copy, "\n")] = '\0';
    return strlen(copy);
}
