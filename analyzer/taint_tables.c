/* The built-in behaviour of C library functions for the taint engine: which return or
 * write untrusted data (sources), which move data from their arguments to others
 * (propagators), which compare strings (allow-lists), and which arguments are sinks of
 * which category. docs/taint.md lists the same tables; keep them in step. Sorted by name
 * for the binary search. */
#include <stdlib.h>
#include <string.h>

#include "analyzer/taint_int.h"

#define ARG(n) (1u << (n))
#define K_ARGV (ECG_TAINT_FROM_ARGV + 1)
#define K_ENV (ECG_TAINT_FROM_ENV + 1)
#define K_STDIN (ECG_TAINT_FROM_STDIN + 1)
#define K_FILE (ECG_TAINT_FROM_FILE + 1)
#define K_FD (ECG_TAINT_FROM_FD + 1)
#define K_NET (ECG_TAINT_FROM_NETWORK + 1)
#define K_RANDOM (ECG_TAINT_FROM_RANDOM + 1)
#define C_COMMAND (ECG_TAINT_COMMAND + 1)
#define C_FORMAT (ECG_TAINT_FORMAT + 1)
#define C_SQL (ECG_TAINT_SQL + 1)
#define C_PATH (ECG_TAINT_PATH + 1)
#define C_SIZE (ECG_TAINT_SIZE + 1)
#define C_ALLOC (ECG_TAINT_ALLOC + 1)

/* Shapes shared by many entries. */
#define COPY(d, s) .prop = TPROP_OVERWRITE, .dst = (d) + 1, .srcs = ARG(s), .ret_alias = (d) + 1
#define CAT(d, s) .prop = TPROP_APPEND, .dst = (d) + 1, .srcs = ARG(s), .ret_alias = (d) + 1
#define PRINTF(d, f) .prop = TPROP_OVERWRITE, .dst = (d) + 1, .srcs = ARG(f), .srcs_from = (f) + 2
#define RET_OF(a) .prop = TPROP_RET, .srcs = ARG(a)
#define INTO(a) .prop = TPROP_RET, .srcs = ARG(a), .ret_alias = (a) + 1
#define SINK(c, a)                                                                                 \
    {                                                                                              \
        (c), ARG(a), 0                                                                             \
    }
#define SINK_FROM(c, a)                                                                            \
    {                                                                                              \
        (c), 0, (a) + 1                                                                            \
    }
#define SINK2(c, a, b)                                                                             \
    {                                                                                              \
        (c), ARG(a) | ARG(b), 0                                                                    \
    }

static const struct taint_spec specs[] = {
    { "PQexec", .sinks = { SINK(C_SQL, 1) } },
    { "PQexecParams", .sinks = { SINK(C_SQL, 1) } },
    { "PQprepare", .sinks = { SINK(C_SQL, 2) } },
    { "PQsendPrepare", .sinks = { SINK(C_SQL, 2) } },
    { "PQsendQuery", .sinks = { SINK(C_SQL, 1) } },
    { "PQsendQueryParams", .sinks = { SINK(C_SQL, 1) } },
    { "SQLExecDirect", .sinks = { SINK(C_SQL, 1) } },
    { "SQLExecDirectA", .sinks = { SINK(C_SQL, 1) } },
    { "SQLExecDirectW", .sinks = { SINK(C_SQL, 1) } },
    { "SQLPrepare", .sinks = { SINK(C_SQL, 1) } },
    { "SQLPrepareA", .sinks = { SINK(C_SQL, 1) } },
    { "SQLPrepareW", .sinks = { SINK(C_SQL, 1) } },
    { "__builtin___memcpy_chk", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "__builtin___snprintf_chk", PRINTF(0, 4), .sinks = { SINK(C_FORMAT, 4), SINK(C_SIZE, 1) } },
    { "__builtin___sprintf_chk", PRINTF(0, 3), .sinks = { SINK(C_FORMAT, 3) } },
    { "__builtin___strcat_chk", CAT(0, 1) },
    { "__builtin___strcpy_chk", COPY(0, 1) },
    { "__builtin___strncat_chk", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "__builtin___strncpy_chk", COPY(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "__builtin_alloca", .alloc = 1, .sinks = { SINK(C_ALLOC, 0) } },
    { "__builtin_memcpy", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "_popen", .sinks = { SINK(C_COMMAND, 0) } },
    { "_wpopen", .sinks = { SINK(C_COMMAND, 0) } },
    { "_wsystem", .sinks = { SINK(C_COMMAND, 0) } },
    { "abs", RET_OF(0) },
    { "aligned_alloc", .alloc = 1, .sinks = { SINK(C_ALLOC, 1) } },
    { "alloca", .alloc = 1, .sinks = { SINK(C_ALLOC, 0) } },
    { "atof", RET_OF(0) },
    { "atoi", RET_OF(0) },
    { "atol", RET_OF(0) },
    { "atoll", RET_OF(0) },
    { "basename", INTO(0) },
    { "calloc", .alloc = 1, .sinks = { SINK2(C_ALLOC, 0, 1) } },
    { "canonicalize_file_name", RET_OF(0), .alloc = 1 },
    { "chdir", .sinks = { SINK(C_PATH, 0) } },
    { "chmod", .sinks = { SINK(C_PATH, 0) } },
    { "chown", .sinks = { SINK(C_PATH, 0) } },
    { "creat", .sinks = { SINK(C_PATH, 0) } },
    { "creat64", .sinks = { SINK(C_PATH, 0) } },
    { "dirname", INTO(0) },
    { "dprintf", .sinks = { SINK(C_FORMAT, 1) } },
    { "execl", .sinks = { SINK_FROM(C_COMMAND, 0) } },
    { "execle", .sinks = { SINK_FROM(C_COMMAND, 0) } },
    { "execlp", .sinks = { SINK_FROM(C_COMMAND, 0) } },
    { "execv", .sinks = { SINK2(C_COMMAND, 0, 1) } },
    { "execve", .sinks = { SINK2(C_COMMAND, 0, 1) } },
    { "execvp", .sinks = { SINK2(C_COMMAND, 0, 1) } },
    { "execvpe", .sinks = { SINK2(C_COMMAND, 0, 1) } },
    { "fchmodat", .sinks = { SINK(C_PATH, 1) } },
    { "fchownat", .sinks = { SINK(C_PATH, 1) } },
    { "fgetc", .source = K_FILE, .source_ret = 1, .stream = 1 },
    { "fgets", .source = K_FILE, .source_out = ARG(0), .stream = 3, .ret_alias = 1,
      .sinks = { SINK(C_SIZE, 1) } },
    { "fgetwc", .source = K_FILE, .source_ret = 1, .stream = 1 },
    { "fgetws", .source = K_FILE, .source_out = ARG(0), .stream = 3, .ret_alias = 1,
      .sinks = { SINK(C_SIZE, 1) } },
    { "fopen", .sinks = { SINK(C_PATH, 0) } },
    { "fopen64", .sinks = { SINK(C_PATH, 0) } },
    { "fprintf", .sinks = { SINK(C_FORMAT, 1) } },
    { "fread", .source = K_FILE, .source_out = ARG(0), .stream = 4,
      .sinks = { SINK2(C_SIZE, 1, 2) } },
    { "freopen", .sinks = { SINK(C_PATH, 0) } },
    { "fscanf", .source = K_FILE, .source_from = 3, .stream = 1 },
    { "fwprintf", .sinks = { SINK(C_FORMAT, 1) } },
    { "fwscanf", .source = K_FILE, .source_from = 3, .stream = 1 },
    { "getc", .source = K_FILE, .source_ret = 1, .stream = 1 },
    { "getchar", .source = K_STDIN, .source_ret = 1 },
    { "getdelim", .source = K_FILE, .source_out = ARG(0), .stream = 4 },
    { "getenv", .source = K_ENV, .source_ret = 1 },
    { "getline", .source = K_FILE, .source_out = ARG(0), .stream = 3 },
    { "getpass", .source = K_STDIN, .source_ret = 1 },
    { "gets", .source = K_STDIN, .source_out = ARG(0), .ret_alias = 1 },
    { "getwc", .source = K_FILE, .source_ret = 1, .stream = 1 },
    { "getwchar", .source = K_STDIN, .source_ret = 1 },
    { "htonl", RET_OF(0) },
    { "htons", RET_OF(0) },
    { "labs", RET_OF(0) },
    { "lchown", .sinks = { SINK(C_PATH, 0) } },
    { "link", .sinks = { SINK2(C_PATH, 0, 1) } },
    { "linkat", .sinks = { SINK2(C_PATH, 1, 3) } },
    { "llabs", RET_OF(0) },
    { "malloc", .alloc = 1, .sinks = { SINK(C_ALLOC, 0) } },
    { "memccpy", CAT(0, 1), .sinks = { SINK(C_SIZE, 3) } },
    { "memchr", INTO(0) },
    { "memcpy", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "memmove", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "mkdir", .sinks = { SINK(C_PATH, 0) } },
    { "mkdirat", .sinks = { SINK(C_PATH, 1) } },
    { "mkfifo", .sinks = { SINK(C_PATH, 0) } },
    { "mknod", .sinks = { SINK(C_PATH, 0) } },
    { "mysql_query", .sinks = { SINK(C_SQL, 1) } },
    { "mysql_real_query", .sinks = { SINK(C_SQL, 1) } },
    { "mysql_send_query", .sinks = { SINK(C_SQL, 1) } },
    { "mysql_stmt_prepare", .sinks = { SINK(C_SQL, 1) } },
    { "ntohl", RET_OF(0) },
    { "ntohs", RET_OF(0) },
    { "open", .sinks = { SINK(C_PATH, 0) } },
    { "open64", .sinks = { SINK(C_PATH, 0) } },
    { "openat", .sinks = { SINK(C_PATH, 1) } },
    { "openat64", .sinks = { SINK(C_PATH, 1) } },
    { "opendir", .sinks = { SINK(C_PATH, 0) } },
    { "popen", .sinks = { SINK(C_COMMAND, 0) } },
    { "posix_spawn", .sinks = { SINK2(C_COMMAND, 1, 4) } },
    { "posix_spawnp", .sinks = { SINK2(C_COMMAND, 1, 4) } },
    { "pread", .source = K_FD, .source_out = ARG(1), .sinks = { SINK(C_SIZE, 2) } },
    { "printf", .sinks = { SINK(C_FORMAT, 0) } },
    { "rand", .source = K_RANDOM, .source_ret = 1 },
    { "random", .source = K_RANDOM, .source_ret = 1 },
    { "read", .source = K_FD, .source_out = ARG(1), .sinks = { SINK(C_SIZE, 2) } },
    { "readline", .source = K_STDIN, .source_ret = 1 },
    { "realloc", .prop = TPROP_RET, .srcs = ARG(0), .alloc = 1, .sinks = { SINK(C_ALLOC, 1) } },
    { "reallocarray", .prop = TPROP_RET, .srcs = ARG(0), .alloc = 1,
      .sinks = { SINK2(C_ALLOC, 1, 2) } },
    { "realpath", COPY(1, 0) },
    { "recv", .source = K_NET, .source_out = ARG(1), .sinks = { SINK(C_SIZE, 2) } },
    { "recvfrom", .source = K_NET, .source_out = ARG(1), .sinks = { SINK(C_SIZE, 2) } },
    { "recvmsg", .source = K_NET, .source_out = ARG(1) },
    { "remove", .sinks = { SINK(C_PATH, 0) } },
    { "rename", .sinks = { SINK2(C_PATH, 0, 1) } },
    { "renameat", .sinks = { SINK2(C_PATH, 1, 3) } },
    { "renameat2", .sinks = { SINK2(C_PATH, 1, 3) } },
    { "rmdir", .sinks = { SINK(C_PATH, 0) } },
    { "scandir", .sinks = { SINK(C_PATH, 0) } },
    { "scanf", .source = K_STDIN, .source_from = 2 },
    { "secure_getenv", .source = K_ENV, .source_ret = 1 },
    { "snprintf", PRINTF(0, 2), .sinks = { SINK(C_FORMAT, 2), SINK(C_SIZE, 1) } },
    { "sprintf", PRINTF(0, 1), .sinks = { SINK(C_FORMAT, 1) } },
    { "sqlite3_exec", .sinks = { SINK(C_SQL, 1) } },
    { "sqlite3_prepare", .sinks = { SINK(C_SQL, 1) } },
    { "sqlite3_prepare16", .sinks = { SINK(C_SQL, 1) } },
    { "sqlite3_prepare16_v2", .sinks = { SINK(C_SQL, 1) } },
    { "sqlite3_prepare16_v3", .sinks = { SINK(C_SQL, 1) } },
    { "sqlite3_prepare_v2", .sinks = { SINK(C_SQL, 1) } },
    { "sqlite3_prepare_v3", .sinks = { SINK(C_SQL, 1) } },
    { "sscanf", .prop = TPROP_SCAN, .dst = 3, .srcs = ARG(0) },
    { "stpcpy", COPY(0, 1) },
    { "stpncpy", COPY(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "strcasecmp", .compare = 1 },
    { "strcasestr", INTO(0) },
    { "strcat", CAT(0, 1) },
    { "strchr", INTO(0) },
    { "strcmp", .compare = 1 },
    { "strcpy", COPY(0, 1) },
    { "strdup", RET_OF(0), .alloc = 1 },
    { "strlcat", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "strlcpy", COPY(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "strlen", RET_OF(0) },
    { "strncat", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "strncpy", COPY(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "strndup", RET_OF(0), .alloc = 1 },
    { "strnlen", RET_OF(0) },
    { "strpbrk", INTO(0) },
    { "strrchr", INTO(0) },
    { "strsep", .prop = TPROP_RET, .srcs = ARG(0) },
    { "strstr", INTO(0) },
    { "strtod", RET_OF(0) },
    { "strtof", RET_OF(0) },
    { "strtoimax", RET_OF(0) },
    { "strtok", INTO(0) },
    { "strtok_r", INTO(0) },
    { "strtol", RET_OF(0) },
    { "strtold", RET_OF(0) },
    { "strtoll", RET_OF(0) },
    { "strtoul", RET_OF(0) },
    { "strtoull", RET_OF(0) },
    { "strtoumax", RET_OF(0) },
    { "swprintf", PRINTF(0, 2), .sinks = { SINK(C_FORMAT, 2), SINK(C_SIZE, 1) } },
    { "swscanf", .prop = TPROP_SCAN, .dst = 3, .srcs = ARG(0) },
    { "symlink", .sinks = { SINK2(C_PATH, 0, 1) } },
    { "symlinkat", .sinks = { SINK2(C_PATH, 0, 2) } },
    { "syslog", .sinks = { SINK(C_FORMAT, 1) } },
    { "system", .sinks = { SINK(C_COMMAND, 0) } },
    { "tolower", RET_OF(0) },
    { "toupper", RET_OF(0) },
    { "towlower", RET_OF(0) },
    { "towupper", RET_OF(0) },
    { "truncate", .sinks = { SINK(C_PATH, 0) } },
    { "truncate64", .sinks = { SINK(C_PATH, 0) } },
    { "unlink", .sinks = { SINK(C_PATH, 0) } },
    { "unlinkat", .sinks = { SINK(C_PATH, 1) } },
    { "valloc", .alloc = 1, .sinks = { SINK(C_ALLOC, 0) } },
    { "vdprintf", .sinks = { SINK(C_FORMAT, 1) } },
    { "vfprintf", .sinks = { SINK(C_FORMAT, 1) } },
    { "vfwprintf", .sinks = { SINK(C_FORMAT, 1) } },
    { "vprintf", .sinks = { SINK(C_FORMAT, 0) } },
    { "vsnprintf", PRINTF(0, 2), .sinks = { SINK(C_FORMAT, 2), SINK(C_SIZE, 1) } },
    { "vsprintf", PRINTF(0, 1), .sinks = { SINK(C_FORMAT, 1) } },
    { "vswprintf", PRINTF(0, 2), .sinks = { SINK(C_FORMAT, 2), SINK(C_SIZE, 1) } },
    { "vsyslog", .sinks = { SINK(C_FORMAT, 1) } },
    { "vwprintf", .sinks = { SINK(C_FORMAT, 0) } },
    { "wcscat", CAT(0, 1) },
    { "wcschr", INTO(0) },
    { "wcscmp", .compare = 1 },
    { "wcscpy", COPY(0, 1) },
    { "wcsdup", RET_OF(0), .alloc = 1 },
    { "wcslen", RET_OF(0) },
    { "wcsncat", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "wcsncpy", COPY(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "wcsrchr", INTO(0) },
    { "wcsstr", INTO(0) },
    { "wcstol", RET_OF(0) },
    { "wcstoul", RET_OF(0) },
    { "wmemcpy", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "wmemmove", CAT(0, 1), .sinks = { SINK(C_SIZE, 2) } },
    { "wprintf", .sinks = { SINK(C_FORMAT, 0) } },
    { "wscanf", .source = K_STDIN, .source_from = 2 },
};

static int compare_name(const void *key, const void *entry)
{
    return strcmp(key, ((const struct taint_spec *)entry)->name);
}

const struct taint_spec *ecg_taint_tables_find(const char *name)
{
    return bsearch(name, specs, sizeof(specs) / sizeof(specs[0]), sizeof(specs[0]), compare_name);
}

int ecg_taint_tables_global_source(const char *name)
{
    if (strcmp(name, "optarg") == 0)
        return ECG_TAINT_FROM_ARGV;
    if (strcmp(name, "environ") == 0 || strcmp(name, "__environ") == 0)
        return ECG_TAINT_FROM_ENV;
    return -1;
}
