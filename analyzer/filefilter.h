/* Decides which files' findings are kept: the unit's main file always; system headers
 * never; other headers when they match --header-filter, or, without one, when they lie
 * under the project root. Decisions are cached per CXFile, since a unit has few files. */
#ifndef ECG_ANALYZER_FILEFILTER_H
#define ECG_ANALYZER_FILEFILTER_H

#include <clang-c/Index.h>
#include <regex.h>
#include <stddef.h>

struct ecg_filefilter_entry {
    CXFile file;
    int keep;
    int decided; /* keep is known: decided from a real location */
    char *path;  /* owned; absolute, normalised */
};

struct ecg_filefilter {
    CXFile main_file;
    const char *root;                     /* borrowed; project root without trailing '/' */
    const regex_t *header_regex;          /* borrowed; NULL: use the root */
    struct ecg_filefilter_entry *entries; /* owned */
    size_t n_entries;
    size_t cap;
    size_t last; /* index of the entry found last: consecutive lookups repeat files */
};

/* Prepares a filter for one unit. */
void ecg_filefilter_init(struct ecg_filefilter *ff, CXFile main_file, const char *root,
                         const regex_t *header_regex);

void ecg_filefilter_fini(struct ecg_filefilter *ff);

/* Nonzero when findings at loc are kept. When out_path is not NULL it receives the file's
 * normalised absolute path (borrowed from the filter) for kept locations. */
int ecg_filefilter_keep(struct ecg_filefilter *ff, CXSourceLocation loc, const char **out_path);

/* Normalised absolute path of a file, borrowed from the filter; NULL when memory runs out. */
const char *ecg_filefilter_path(struct ecg_filefilter *ff, CXFile file);

#endif
