#include <stdlib.h>
#include <string.h>

struct entry {
    struct entry *next;
    char *name;
};

struct table {
    struct entry *head;
    char *names[8];
    size_t n_names;
};

static char *last_name;

/* The correct versions: the static function the block is handed to frees it, keeps it in a
 * global or in a structure, or passes it on to one that does. */
static void drop_name(char *name)
{
    free(name);
}

static void remember_name(char *name)
{
    free(last_name);
    last_name = name;
}

static void table_add(struct table *t, char *name)
{
    if (t->n_names < 8)
        t->names[t->n_names++] = name;
    else
        free(name);
}

static void forward_drop(char *name)
{
    drop_name(name);
}

static int flag_release;

static void maybe_release(char *name)
{
    if (flag_release)
        free(name);
    else
        remember_name(name);
}

void use_names(struct table *t, const char *text)
{
    char *a = strdup(text);
    char *b = strdup(text);
    char *c = strdup(text);
    char *d = strdup(text);
    char *e = strdup(text);
    void (*release)(char *) = drop_name;
    char *f = strdup(text);

    drop_name(a);
    remember_name(b);
    table_add(t, c);
    forward_drop(d);
    maybe_release(e);
    release(f);
}

/* A static function that returns a block the caller frees, or one it does not own. */
static char *make_copy(const char *text)
{
    return strdup(text);
}

static char *current_name(void)
{
    return last_name;
}

size_t name_lengths(const char *text)
{
    char *copy = make_copy(text);
    char *cur = current_name();
    size_t n;

    if (copy == NULL)
        return 0;
    n = strlen(copy) + (cur != NULL ? strlen(cur) : 0);
    free(copy);
    return n;
}

/* 'p = grow(p)': the helper moves the old block and hands back the new one. */
static char *grow(char *buf, size_t n)
{
    char *bigger = realloc(buf, n);

    if (bigger == NULL)
        free(buf);
    return bigger;
}

int fill_buffer(size_t n)
{
    char *buf = malloc(16);

    if (buf == NULL)
        return -1;
    buf = grow(buf, n);
    if (buf == NULL)
        return -1;
    memset(buf, 0, n);
    free(buf);
    return 0;
}

/* A call through a function pointer assigned again: the function it reaches is not known. */
static void log_only(char *name)
{
    (void)strlen(name);
}

void use_reassigned_pointer(const char *text, int release)
{
    void (*sink)(char *) = log_only;
    char *g = strdup(text);

    if (release)
        sink = drop_name;
    sink(g);
}
