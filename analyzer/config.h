/* Configuration: .ecg.json files found by walking up from each source file (like
 * .clang-tidy), inline --config text, and the command line on top. Keys: checks,
 * warnings_as_errors (strings like --checks, or arrays of entries), header_filter (POSIX
 * extended regex), exclude (path globs relative to the file's directory), inherit (merge
 * with the parent directory's file), rules: {"<rule-id>": {"<option>": value}}, and taint:
 * a project's own taint sources, sinks and sanitizers (docs/taint.md). */
#ifndef ECG_ANALYZER_CONFIG_H
#define ECG_ANALYZER_CONFIG_H

#include <stddef.h>

#include "analyzer/strvec.h"

struct cJSON;
struct ecg_diag;

#define ECG_CONFIG_FILE_NAME ".ecg.json"

struct ecg_config {
    char *origin;              /* owned: file path or "<command line>"; NULL for defaults */
    char *dir;                 /* owned: absolute directory exclude globs are relative to */
    char *checks;              /* owned glob list or NULL: unset */
    char *warnings_as_errors;  /* owned glob list or NULL */
    char *header_filter;       /* owned regex or NULL */
    struct ecg_strvec exclude; /* absolute path globs (made absolute against dir) */
    struct cJSON *rules;       /* owned object: rule id -> {option: value}; never NULL */
    struct cJSON *taint;       /* owned "taint" object (validated), or NULL: unset */
    int inherit;               /* file asked to be merged over its parent directory's file */
};

/* A new, empty configuration (every key unset). Returns NULL when memory runs out. */
struct ecg_config *ecg_config_new(void);

/* Releases a configuration; NULL is a no-op. */
void ecg_config_free(struct ecg_config *cfg);

/* Parses configuration JSON text. origin names it in diagnostics; dir is the directory
 * exclude globs are relative to (NULL keeps relative globs as written; a glob ending in '/'
 * covers everything below). null for checks, warnings_as_errors or header_filter means
 * unset. Validates types and rule options against the registry: an unknown top-level key,
 * a key given twice, a wrong type, an unknown rule, an unknown option or an option of the
 * wrong type is ECG_ECONFIG with file, line and column in diag. JSON syntax errors are
 * ECG_EPARSE. */
int ecg_config_parse(struct ecg_config **out, const char *text, size_t len, const char *origin,
                     const char *dir, struct ecg_diag *diag);

/* Reads and parses the file at path (its directory becomes dir). */
int ecg_config_load(struct ecg_config **out, const char *path, struct ecg_diag *diag);

/* Overlays over onto base: every key set in over replaces base's; checks and
 * warnings_as_errors are appended (base first) so later entries win; exclude lists are
 * concatenated; rule options merge per option. origin and dir stay base's (copied from
 * over when base has none); taint lists are appended. Returns 0 or ECG_ENOMEM; on
 * failure base is unchanged. */
int ecg_config_merge(struct ecg_config *base, const struct ecg_config *over);

/* Finds the nearest .ecg.json in start_dir or its ancestors. *out is the owned absolute
 * path, or NULL when there is none. Returns 0 or ECG_ENOMEM. */
int ecg_config_find(char **out, const char *start_dir);

/* The configured value of a rule's option, or NULL when unset (the default then applies). */
const struct cJSON *ecg_config_rule_option(const struct ecg_config *cfg, const char *rule_id,
                                           const char *option);

/* Renders the configuration as JSON text with every rule's effective options, for
 * --dump-config (unset keys are null, so the output parses back as a configuration). The
 * caller frees the string. NULL when memory runs out. */
char *ecg_config_dump(const struct ecg_config *cfg);

/* Caches configurations per directory so each .ecg.json is read once per run. The
 * effective configuration of a file is: the files found walking up (with inherit
 * chains), then cli on top. Not thread-safe: resolve every unit before starting workers. */
struct ecg_config_cache;

/* A new cache. explicit_file, when not NULL, replaces discovery (--config-file; its
 * "inherit" is ignored); cli is borrowed, may be NULL, and must outlive the cache. NULL
 * when memory runs out. */
struct ecg_config_cache *ecg_config_cache_new(const char *explicit_file,
                                              const struct ecg_config *cli);

void ecg_config_cache_free(struct ecg_config_cache *cache);

/* The effective configuration for a source file (absolute path); borrowed from the
 * cache, and named (origin) after the nearest file. Errors as ecg_config_load. */
int ecg_config_cache_get(struct ecg_config_cache *cache, const char *source_path,
                         const struct ecg_config **out, struct ecg_diag *diag);

#endif
