/* The taint engine: follows data from untrusted sources (argv, the environment, files,
 * standard input, sockets, configured functions) through assignments, pointers to
 * buffers, struct fields, string functions, returns and calls, to sinks of a category
 * (a command, a format, a size ...), after the walk has captured the unit's functions
 * (analyzer/fir.h). Per function it runs a dataflow over the CFG (analyzer/cfg.h); calls
 * within the unit go through function summaries computed on demand to a fixed point.
 * Sanitizers (a bounding comparison, an allow-list strcmp, a configured validator) clean
 * a value on the paths they dominate. docs/taint.md has the tables and the limits. */
#ifndef ECG_ANALYZER_TAINT_H
#define ECG_ANALYZER_TAINT_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/opcode.h"

struct cJSON;
struct ecg_fir;
struct ecg_xfacts;
struct ecg_xiface;

/* What a sink does with the data: rules read the flows of their categories. */
enum ecg_taint_category {
    ECG_TAINT_COMMAND, /* run by a shell or exec'd: system, popen, execl ... */
    ECG_TAINT_FORMAT,  /* a printf-family format string */
    ECG_TAINT_SQL,     /* SQL text: sqlite3_exec, mysql_query, PQexec ... */
    ECG_TAINT_PATH,    /* a file name: fopen, open, unlink, rename ... */
    ECG_TAINT_SIZE,    /* a byte count: memcpy, strncpy, snprintf, fgets, read ... */
    ECG_TAINT_ALLOC,   /* an allocation size: malloc, calloc, realloc, alloca */
    ECG_TAINT_INDEX,   /* an array index: a[i] */
    ECG_TAINT_ARITH,   /* an operand of integer +, -, *, ++, -- (overflow) */
    ECG_TAINT_CATEGORIES
};

#define ECG_TAINT_MASK(category) (1u << (category))

/* Where tainted data comes from. */
enum ecg_taint_source_kind {
    ECG_TAINT_FROM_ARGV,    /* main's argv, getopt's optarg */
    ECG_TAINT_FROM_ENV,     /* getenv, main's envp */
    ECG_TAINT_FROM_STDIN,   /* scanf, gets, getchar, fgets(..., stdin) */
    ECG_TAINT_FROM_FILE,    /* fgets, fread, fscanf, getline on a stream */
    ECG_TAINT_FROM_FD,      /* read, pread on a descriptor */
    ECG_TAINT_FROM_NETWORK, /* recv, recvfrom, recvmsg */
    ECG_TAINT_FROM_RANDOM,  /* rand, random: attacker-independent, but unbounded */
    ECG_TAINT_FROM_USER,    /* a function configured as a source in .ecg.json */
    ECG_TAINT_SOURCE_KINDS
};

/* Bounds a comparison established on every path to a sink (integer categories). */
#define ECG_TAINT_BOUND_UPPER 1u
#define ECG_TAINT_BOUND_LOWER 2u

/* One step of a flow: where it happens and what happens, e.g. "getenv() returns data from
 * the environment", "copied into 'cmd' by strcat()", "reaches system()". */
struct ecg_taint_step {
    CXSourceRange range;
    const char *text; /* owned by the engine */
    /* A step in another translation unit has a null range and its place here instead. */
    const char *path; /* borrowed from the seeds (ecg_taint_new_seeded); NULL: use range */
    unsigned line;
    unsigned col;
    unsigned end_line; /* exclusive end, as in struct ecg_range */
    unsigned end_col;
};

struct ecg_taint_flow {
    enum ecg_taint_category category;
    enum ecg_taint_source_kind source;
    CXCursor sink;         /* the call; for ECG_TAINT_INDEX the subscript, for ECG_TAINT_ARITH
                              the operator */
    const char *sink_name; /* the called function; "" for subscripts and operators */
    unsigned arg;          /* the argument (or operand) that carries the data */
    enum ecg_op op;        /* ECG_TAINT_ARITH: the operator */
    unsigned bounds;       /* ECG_TAINT_BOUND_* that hold on every path to the sink */
    const struct ecg_taint_step *steps; /* source first, sink last */
    size_t n_steps;
};

/* The flows of a unit, one per sink, category and argument, in the order found. */
struct ecg_taint_flows {
    const struct ecg_taint_flow *items;
    size_t len;
};

struct ecg_taint_inputs {
    CXTranslationUnit tu;
    const struct ecg_fir *fir;  /* the unit's functions; borrowed */
    const struct cJSON *config; /* the validated "taint" object of .ecg.json, or NULL */
    unsigned categories;        /* ECG_TAINT_MASK bits of the sinks to look for */
};

struct ecg_taint;

/* Analyses the unit: summaries as needed, then the dataflow of every function that
 * untrusted data reaches. Everything in inputs must outlive the engine. Returns 0 or
 * ECG_ENOMEM (*out untouched). Not thread-safe; one engine per unit. */
int ecg_taint_new(struct ecg_taint **out, const struct ecg_taint_inputs *in);

/* As ecg_taint_new, with source data from other units (analyzer/taint_xunit.h): sorted
 * seeds that must outlive the engine, or NULL. */
int ecg_taint_new_seeded(struct ecg_taint **out, const struct ecg_taint_inputs *in,
                         const struct ecg_xfacts *seeds);

/* Releases the engine and its flows; NULL is a no-op. */
void ecg_taint_free(struct ecg_taint *t);

/* The flows found; borrowed, valid until ecg_taint_free. */
const struct ecg_taint_flows *ecg_taint_flows(const struct ecg_taint *t);

/* What a function of the unit does with its parameters (bit i: parameter i; parameters
 * past 31 share bit 31). */
struct ecg_taint_summary {
    uint32_t ret;     /* parameters whose data reaches the return value */
    uint32_t out[32]; /* out[i]: parameters whose data is written where parameter i points */
    uint32_t sink;    /* parameters whose data reaches a sink or a global, here or in a callee */
    unsigned n_params;
    int const_ret; /* every return returns the integer constant const_value */
    long long const_value;
};

/* The summary of the function defined in the unit under name, computed to a fixed point.
 * Returns 0, ECG_ENOMEM, or ECG_EPARSE when no such function is defined. For tests. */
int ecg_taint_summary_of(struct ecg_taint_summary *out, struct ecg_taint *t, const char *name);

/* Resolves a file of the unit to its normalised path, for ecg_taint_export. */
typedef const char *(*ecg_taint_path_fn)(void *arg, CXFile file);

/* Exports what the unit hands on to other units: its interface (analyzer/taint_xunit.h),
 * appended to *out. Call after ecg_taint_new. Returns 0 or ECG_ENOMEM. */
int ecg_taint_export(struct ecg_xiface *out, struct ecg_taint *t, ecg_taint_path_fn path_of,
                     void *arg);

/* The category named name ("command", "format" ...), or -1. */
int ecg_taint_category_from_name(const char *name);

/* The name of a category: "command", "format" ... */
const char *ecg_taint_category_name(enum ecg_taint_category category);

/* A source kind in a sentence: "the command line", "the network" ... */
const char *ecg_taint_source_phrase(enum ecg_taint_source_kind kind);

/* The name of a source kind for configuration: "argv", "environment", "stdin", "file",
 * "fd", "network", "random", "user". */
const char *ecg_taint_source_name(enum ecg_taint_source_kind kind);

/* Where a "taint" configuration is wrong: the child-index path of the offending member
 * below "taint" (list, entry, key, argument), whether the key itself is at fault, why. */
struct ecg_taint_config_error {
    size_t where[4];
    size_t depth;
    int want_key;
    char message[256];
};

/* Checks a "taint" configuration value (an object, or null). Returns 0, or ECG_ECONFIG
 * with the place and the reason in *out. */
int ecg_taint_config_check(struct ecg_taint_config_error *out, const struct cJSON *taint);

#endif
