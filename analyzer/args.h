/* Compiler command lines: shell-style splitting of a compile database "command", and the
 * normalisation that turns a compile command into the flags libclang should parse with. */
#ifndef ECG_ANALYZER_ARGS_H
#define ECG_ANALYZER_ARGS_H

#include <stddef.h>

#include "analyzer/strvec.h"

struct ecg_diag;

/* Splits command into words as a POSIX shell would (blanks separate; single quotes, double
 * quotes and backslashes quote). Errors: ECG_EPARSE for an unterminated quote (diag names
 * origin and the column), ECG_ENOMEM. The words are appended to out (an initialised
 * vector), which is unchanged on failure. Shell operators and expansions ($x, ;, |, >) are
 * not interpreted: they stay literal text. */
int ecg_args_split(struct ecg_strvec *out, const char *command, const char *origin,
                   struct ecg_diag *diag);

/* Nonzero when word names a compiler driver rather than a flag or a file: gcc, cc, clang,
 * c99, *-gcc, *-clang, gcc-12, clang-19, /usr/bin/cc, ccache-wrapped names ... The
 * basename is matched, less a ".exe" and a "-<version>" suffix; ccache itself is not a
 * compiler (ecg_args_normalize drops it with the compiler it runs). */
int ecg_args_is_compiler(const char *word);

/* Appends to out the flags libclang needs from a compile command: drops a leading
 * compiler word (and a leading ccache/distcc wrapper), the source file and any other
 * input files, -c, -o FILE, dependency-file flags (-M, -MD, -MMD, -MF F, -MT T, -MQ T,
 * -MP), -Werror and -Werror=*, -pipe, and gcc-only flags clang rejects. Everything else
 * is kept in order. source_file may be NULL (then inputs are recognised by extension
 * only). directory is the command's working directory, used to match a relative source
 * file. Returns 0 or ECG_ENOMEM. Also dropped: -S, -E, -pedantic-errors, -save-temps,
 * link-only flags (-Wl,..., -l, -L, -shared, -static, -rdynamic, -Xlinker X, ...),
 * clang's -MJ F and --serialize-diagnostics F, and the dependency items of -Wp,... lists.
 * A leading word that is neither an option nor an input file is taken as the driver even
 * when ecg_args_is_compiler does not know it (armcl): argv[0] always names the program.
 * On failure out is unchanged. */
int ecg_args_normalize(struct ecg_strvec *out, const char *const *argv, size_t argc,
                       const char *source_file, const char *directory);

/* Rewrites the relative paths that flags carry (-I, -iquote, -isystem, -idirafter,
 * -include, -imacros, --sysroot, -isysroot, their joined forms, and @response files) as
 * absolute paths
 * against directory, in place. libclang is never given a working directory: LLVM applies
 * -working-directory with a process-wide chdir, which would race between workers.
 * Returns 0 or ECG_ENOMEM. */
int ecg_args_absolute_paths(struct ecg_strvec *flags, const char *directory);

#endif
