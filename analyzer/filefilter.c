/* Per-unit cache of which files' findings are kept; see filefilter.h. */
#include "analyzer/filefilter.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/path.h"

void ecg_filefilter_init(struct ecg_filefilter *ff, CXFile main_file, const char *root,
                         const regex_t *header_regex)
{
    memset(ff, 0, sizeof(*ff));
    ff->main_file = main_file;
    ff->root = root;
    ff->header_regex = header_regex;
}

void ecg_filefilter_fini(struct ecg_filefilter *ff)
{
    for (size_t i = 0; i < ff->n_entries; i++)
        free(ff->entries[i].path);
    free(ff->entries);
    memset(ff, 0, sizeof(*ff));
}

/* The real path when the file system knows it (symlinks resolved, so a header reached
 * through two include paths is one file), else the lexically normalised name. */
static char *file_path(CXFile file)
{
    CXString real = clang_File_tryGetRealPathName(file);
    const char *text = clang_getCString(real);
    char *path = NULL;

    if (text != NULL && text[0] == '/')
        path = ecg_path_absolute("/", text);
    clang_disposeString(real);
    if (path == NULL) {
        CXString name = clang_getFileName(file);
        char cwd[PATH_MAX];
        const char *base = getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "/";
        text = clang_getCString(name);
        path = ecg_path_absolute(base, text != NULL ? text : "");
        clang_disposeString(name);
    }
    return path;
}

static int under_root(const char *root, const char *path)
{
    size_t n = strlen(root);

    if (n == 1 && root[0] == '/')
        return 1;
    return strncmp(path, root, n) == 0 && path[n] == '/';
}

static int decide(const struct ecg_filefilter *ff, CXFile file, CXSourceLocation loc,
                  const char *path)
{
    if (clang_File_isEqual(file, ff->main_file))
        return 1;
    if (clang_Location_isInSystemHeader(loc))
        return 0;
    if (ff->header_regex != NULL)
        return regexec(ff->header_regex, path, 0, NULL, 0) == 0;
    return ff->root != NULL && under_root(ff->root, path);
}

static struct ecg_filefilter_entry *lookup(struct ecg_filefilter *ff, CXFile file)
{
    if (ff->last < ff->n_entries && ff->entries[ff->last].file == file)
        return &ff->entries[ff->last];
    for (size_t i = 0; i < ff->n_entries; i++) {
        if (ff->entries[i].file == file) {
            ff->last = i;
            return &ff->entries[i];
        }
    }
    return NULL;
}

static struct ecg_filefilter_entry *add(struct ecg_filefilter *ff, CXFile file)
{
    struct ecg_filefilter_entry *e;

    if (ff->n_entries == ff->cap) {
        size_t cap = ff->cap != 0 ? ff->cap * 2 : 32;
        struct ecg_filefilter_entry *grown = realloc(ff->entries, cap * sizeof(*grown));
        if (grown == NULL)
            return NULL;
        ff->entries = grown;
        ff->cap = cap;
    }
    e = &ff->entries[ff->n_entries];
    e->file = file;
    e->path = file_path(file);
    if (e->path == NULL)
        return NULL;
    e->keep = 0;
    e->decided = 0;
    ff->last = ff->n_entries;
    ff->n_entries++;
    return e;
}

int ecg_filefilter_keep(struct ecg_filefilter *ff, CXSourceLocation loc, const char **out_path)
{
    CXFile file;
    struct ecg_filefilter_entry *e;

    clang_getExpansionLocation(loc, &file, NULL, NULL, NULL);
    if (file == NULL)
        return 0;
    e = lookup(ff, file);
    if (e == NULL)
        e = add(ff, file);
    if (e == NULL)
        return 0;
    if (!e->decided) {
        e->keep = decide(ff, file, loc, e->path);
        e->decided = 1;
    }
    if (!e->keep)
        return 0;
    if (out_path != NULL)
        *out_path = e->path;
    return 1;
}

const char *ecg_filefilter_path(struct ecg_filefilter *ff, CXFile file)
{
    struct ecg_filefilter_entry *e = lookup(ff, file);

    if (e == NULL)
        e = add(ff, file);
    return e != NULL ? e->path : NULL;
}
