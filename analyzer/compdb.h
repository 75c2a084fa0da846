/* The JSON compilation database (compile_commands.json) as CMake, bear and meson write
 * it: an array of {directory, file, arguments | command, output?}. */
#ifndef ECG_ANALYZER_COMPDB_H
#define ECG_ANALYZER_COMPDB_H

#include <stddef.h>

#include "analyzer/strvec.h"

struct ecg_diag;

struct ecg_compile_command {
    char *directory;        /* owned; absolute */
    char *file;             /* owned; absolute and normalised (no ".", "..", "//") */
    struct ecg_strvec argv; /* the command as recorded, argv[0] the compiler */
};

struct ecg_compdb {
    char *path; /* owned; the JSON file */
    struct ecg_compile_command *commands;
    size_t n_commands;
};

/* Loads build_dir/compile_commands.json. Errors: ECG_EIO when the file is missing or
 * unreadable ("no compile_commands.json in DIR"), ECG_EPARSE for bad JSON or an entry
 * that lacks a field or has one of the wrong type (file, line and column of the entry in
 * diag), ECG_ENOMEM. */
int ecg_compdb_load(struct ecg_compdb **out, const char *build_dir, struct ecg_diag *diag);

/* As ecg_compdb_load, from the JSON file at path. */
int ecg_compdb_load_file(struct ecg_compdb **out, const char *path, struct ecg_diag *diag);

/* Releases the database; NULL is a no-op. */
void ecg_compdb_free(struct ecg_compdb *db);

#endif
