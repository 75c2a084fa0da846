#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next;
    char name[32];
};

struct list {
    struct node *head;
};

void print_line(const char *line);
void *worker(void *arg);
void registry_adopt(void *obj);

/* The correct versions: freed, returned, stored, or given to a new owner. */
void show_greeting(const char *name)
{
    char *data = malloc(100);

    if (data == NULL)
        return;
    strcpy(data, "Hello, ");
    strncat(data, name, 50);
    print_line(data);
    free(data);
}

char *dup_upper(const char *s)
{
    char *copy = strdup(s);

    for (char *p = copy; p != NULL && *p != '\0'; p++)
        *p = (char)(*p & ~0x20);
    return copy;
}

int list_push(struct list *l, const char *name)
{
    struct node *n = calloc(1, sizeof(*n));

    if (n == NULL)
        return -1;
    strncpy(n->name, name, sizeof(n->name) - 1);
    n->next = l->head;
    l->head = n;
    return 0;
}

int start_worker(pthread_t *t, int id)
{
    int *arg = malloc(sizeof(*arg));

    if (arg == NULL)
        return -1;
    *arg = id;
    return pthread_create(t, NULL, worker, arg);
}

void adopt(void)
{
    char *obj;

    if ((obj = malloc(64)) == NULL)
        return;
    registry_adopt(obj);
}

int fill(char **out, size_t n)
{
    char *buf = malloc(n);

    if (buf == NULL)
        return -1;
    memset(buf, 0, n);
    *out = buf;
    return 0;
}

char *find_sep(char *line)
{
    char *copy = strdup(line);

    return copy != NULL ? strchr(copy, ':') : NULL;
}

static void free_ptr(void *p)
{
    free(*(void **)p);
}

size_t scoped(const char *s)
{
    char *tmp __attribute__((cleanup(free_ptr))) = strdup(s);

    return tmp != NULL ? strlen(tmp) : 0;
}

int main(void)
{
    char *config = malloc(4096);

    if (config == NULL)
        return 1;
    config[0] = '\0';
    print_line(config);
    return 0;
}
