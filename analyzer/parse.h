/* Parsing one translation unit with libclang: the argument vector (resource directory,
 * working directory, user flags), and the errors clang reported. */
#ifndef ECG_ANALYZER_PARSE_H
#define ECG_ANALYZER_PARSE_H

#include <clang-c/Index.h>

#include "analyzer/strvec.h"

struct ecg_result_sink;

/* What to parse. */
struct ecg_parse_request {
    const char *file;               /* absolute path of the main file */
    const char *directory;          /* working directory of the compile command */
    const struct ecg_strvec *flags; /* normalised flags with absolute paths, extra args included */
    const char *resource_dir;       /* clang's resource directory */
};

/* A clang error (or fatal error) in a unit. */
struct ecg_parse_error {
    char *path; /* owned */
    unsigned line;
    unsigned col;
    char *message; /* owned */
};

struct ecg_parse_errors {
    struct ecg_parse_error *items;
    size_t len;
};

/* Parses the unit. On success *out is the unit (dispose with clang_disposeTranslationUnit)
 * even when clang reported errors: they are appended to errors, and the unit should then
 * not be analysed. When libclang could not produce a unit at all, returns ECG_EPARSE with
 * one entry in errors saying why. ECG_ENOMEM when memory runs out. */
int ecg_parse_unit(CXTranslationUnit *out, CXIndex index, const struct ecg_parse_request *req,
                   struct ecg_parse_errors *errors);

/* Appends an error (copying path and message). Returns 0 or ECG_ENOMEM. */
int ecg_parse_errors_add(struct ecg_parse_errors *errors, const char *path, unsigned line,
                         unsigned col, const char *message);

/* Releases the errors; the list is empty afterwards. */
void ecg_parse_errors_fini(struct ecg_parse_errors *errors);

#endif
