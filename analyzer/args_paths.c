/* Relative paths in compiler flags made absolute against the command's directory; see
 * ecg_args_absolute_paths in args.h. */
#include "analyzer/args.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/path.h"
#include "analyzer/error.h"

/* Flags whose value is a path, written joined ("-Iinc", "--sysroot=/x") or separate. */
static const char *const path_flags[] = {
    "-I",
    "-iquote",
    "-isystem",
    "-idirafter",
    "-include",
    "-imacros",
    "-isysroot",
    "--sysroot=",
    "--sysroot",
    "-iprefix",
    "-iwithprefix",
    "-iwithprefixbefore",
    "-cxx-isystem",
    "-F",
    "--include-directory=",
    "@", /* a response file */
};

/* The length of the longest path flag arg starts with, or 0; *out_separate tells whether
 * the value is the next argument. */
static size_t flag_prefix(const char *arg, int *out_separate)
{
    size_t best = 0;

    *out_separate = 0;
    for (size_t i = 0; i < sizeof(path_flags) / sizeof(path_flags[0]); i++) {
        size_t n = strlen(path_flags[i]);
        if (strncmp(arg, path_flags[i], n) != 0 || n <= best)
            continue;
        best = n;
        *out_separate = arg[n] == '\0';
    }
    return best;
}

/* Nonzero for a flag naming a file the preprocessor looks for in the command's directory
 * first and then along the include path (-include config.h with -Iinclude). */
static int searched_file(const char *flag)
{
    return strncmp(flag, "-include", 8) == 0 || strncmp(flag, "-imacros", 8) == 0;
}

static int rewrite(char **slot, size_t prefix_len, const char *directory, int searched)
{
    const char *value = *slot + prefix_len;
    char *abs, *joined;
    size_t n;

    if (value[0] == '/' || value[0] == '\0' || value[0] == '=')
        return 0; /* absolute, empty, or sysroot-relative ("=/usr/include") */
    abs = ecg_path_absolute(directory, value);
    if (abs == NULL)
        return ECG_ENOMEM;
    if (searched && access(abs, F_OK) != 0) {
        free(abs); /* not beside the command: the include path (made absolute) finds it */
        return 0;
    }
    n = prefix_len + strlen(abs) + 1;
    joined = malloc(n);
    if (joined == NULL) {
        free(abs);
        return ECG_ENOMEM;
    }
    memcpy(joined, *slot, prefix_len);
    memcpy(joined + prefix_len, abs, strlen(abs) + 1);
    free(abs);
    free(*slot);
    *slot = joined;
    return 0;
}

int ecg_args_absolute_paths(struct ecg_strvec *flags, const char *directory)
{
    for (size_t i = 0; i < flags->len; i++) {
        int separate;
        size_t prefix = flag_prefix(flags->items[i], &separate);
        int searched = searched_file(flags->items[i]);
        int rc = 0;
        if (prefix == 0)
            continue;
        if (separate && i + 1 < flags->len) {
            i++;
            rc = rewrite(&flags->items[i], 0, directory, searched);
        } else if (!separate) {
            rc = rewrite(&flags->items[i], prefix, directory, searched);
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}
