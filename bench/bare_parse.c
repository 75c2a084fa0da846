/* bench/metrics-speed.sh's floor: one clang_parseTranslationUnit2 of a file and nothing
 * else, with libclang's default options, or with ecg's (analyzer/parse.c: detailed
 * preprocessing record, keep going, -ferror-limit=0 -w), then the unit's disposal. Built by
 * the benchmark. usage: bare_parse [--ecg] FILE [FLAG...]; exit 0 parsed, 1 failed, 2 usage. */
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What analyzer/parse.c adds after the user's flags. */
static const char *const ecg_flags[] = { "-ferror-limit=0", "-w" };
#define N_ECG_FLAGS 2

static int parse_once(const char *file, const char *const *flags, int n_flags, unsigned options)
{
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    enum CXErrorCode code;

    if (index == NULL)
        return 1;
    code = clang_parseTranslationUnit2(index, file, flags, n_flags, NULL, 0, options, &tu);
    if (tu != NULL)
        clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    return code == CXError_Success ? 0 : 1;
}

/* Parses with ecg's options and its flags after the user's. */
static int parse_as_ecg(const char *file, char **flags, int n_flags)
{
    const char **all = malloc(((size_t)n_flags + N_ECG_FLAGS) * sizeof(*all));
    int rc;

    if (all == NULL)
        return 1;
    for (int i = 0; i < n_flags; i++)
        all[i] = flags[i];
    for (int i = 0; i < N_ECG_FLAGS; i++)
        all[n_flags + i] = ecg_flags[i];
    rc = parse_once(file, all, n_flags + N_ECG_FLAGS,
                    CXTranslationUnit_KeepGoing | CXTranslationUnit_DetailedPreprocessingRecord);
    free(all);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--ecg") == 0)
        return parse_as_ecg(argv[2], argv + 3, argc - 3);
    if (argc < 2 || argv[1][0] == '-') {
        fputs("usage: bare_parse [--ecg] FILE [CLANG_FLAG...]\n", stderr);
        return 2;
    }
    return parse_once(argv[1], (const char *const *)argv + 2, argc - 2, CXTranslationUnit_None);
}
