/* Lexical path helpers; see path.h. Normalisation rewrites in place: the output never
 * outgrows what has been read, so one buffer serves as source and destination. */
#include "analyzer/path.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *ecg_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    size_t nl = strlen(name);
    size_t slash = dl > 0 && dir[dl - 1] != '/' ? 1 : 0;
    char *p = malloc(dl + slash + nl + 1);

    if (p == NULL)
        return NULL;
    memcpy(p, dir, dl);
    if (slash != 0)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

static int is_dots(const char *s, size_t len, size_t n)
{
    return len == n && strncmp(s, "..", n) == 0;
}

/* The length of path[0..w) without its last component ("/" keeps its slash). */
static size_t drop_last(const char *path, size_t w)
{
    while (w > 1 && path[w - 1] != '/')
        w--;
    return w > 1 ? w - 1 : w;
}

/* Rewrites an absolute path without ".", ".." or empty components ("/.." stays "/"). */
static void normalize_in_place(char *path)
{
    size_t w = 1;
    size_t r = 1;

    while (path[r] != '\0') {
        size_t len = strcspn(path + r, "/");

        if (is_dots(path + r, len, 2)) {
            w = drop_last(path, w);
        } else if (len > 0 && !is_dots(path + r, len, 1)) {
            if (w > 1)
                path[w++] = '/';
            memmove(path + w, path + r, len);
            w += len;
        }
        r += len;
        if (path[r] == '/')
            r++;
    }
    path[w] = '\0';
}

char *ecg_path_absolute(const char *base, const char *path)
{
    char *base_abs = NULL;
    char *joined = NULL;

    if (path[0] == '/') {
        joined = strdup(path);
    } else {
        if (base == NULL)
            base_abs = getcwd(NULL, 0);
        else if (base[0] != '/')
            base_abs = ecg_path_absolute(NULL, base);
        if (base_abs != NULL || (base != NULL && base[0] == '/'))
            joined = ecg_path_join(base_abs != NULL ? base_abs : base, path);
    }
    free(base_abs);
    if (joined != NULL)
        normalize_in_place(joined);
    return joined;
}

int ecg_path_parent(char *path)
{
    char *slash = strrchr(path, '/');

    if (slash == NULL || path[1] == '\0')
        return 0;
    if (slash == path)
        slash++;
    *slash = '\0';
    return 1;
}

char *ecg_path_dirname(const char *path)
{
    char *abs = ecg_path_absolute(NULL, path);

    if (abs != NULL)
        ecg_path_parent(abs);
    return abs;
}

int ecg_path_is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *ecg_path_under(const char *path, const char *dir)
{
    size_t n;

    if (dir == NULL || dir[0] == '\0')
        return NULL;
    n = strlen(dir);
    while (n > 0 && dir[n - 1] == '/')
        n--;
    if (strncmp(path, dir, n) != 0 || path[n] != '/' || path[n + 1] == '\0')
        return NULL;
    return path + n + 1;
}
