/* Loading SARIF logs for `ecg sarif merge` and `ecg sarif diff`: the file is parsed with
 * positioned JSON errors and checked to be a SARIF 2.1.0 log whose parts that merge and
 * diff read have the right types, so later code reads them without checking again. Every
 * error names the file, line and column of the offending value. */
#ifndef ECG_SARIF_READ_H
#define ECG_SARIF_READ_H

#include <stddef.h>

struct cJSON;
struct ecg_diag;

/* A loaded log. Invariants once loaded: root is an object with "version": "2.1.0" and an
 * array "runs" of objects, each with a non-empty string tool.driver.name; tool.driver.rules,
 * when present, is an array of objects with a string "id"; results, when present and not
 * null, is an array of objects whose ruleIndex (if any) is -1 or indexes tool.driver.rules,
 * whose level (if any) is a SARIF level, whose partialFingerprints (if any) is an object and
 * whose suppressions (if any) is an array; invocations, when present, is an array of
 * objects with a boolean executionSuccessful; originalUriBaseIds, when present, is an
 * object of objects; columnKind, when present, is a string. */
struct sarif_doc {
    char *path;         /* the file as the user named it (or the origin label); owned */
    char *text;         /* the parsed text, NUL-terminated; owned; kept for error positions */
    size_t len;         /* bytes in text */
    struct cJSON *root; /* the log; owned */
};

/* What merge and diff need of one result, borrowed from the log it was read from. */
struct sarif_result_view {
    const char *rule_id;     /* ruleId, else rule.id, else the id of the rule at ruleIndex;
                              * "" when none is known */
    const char *level;       /* level, else "none" for a kind other than "fail", else the
                              * rule's defaultConfiguration.level, else "warning" */
    const char *uri;         /* the first location's artifactLocation.uri; NULL if none */
    const char *uri_base_id; /* its uriBaseId; NULL if none */
    long line;               /* the region's startLine; 0 when unknown */
    long col;                /* the region's startColumn; 0 when unknown */
    const char *message;     /* message.text, else rule_id */
    const char *fingerprint; /* partialFingerprints["ecg/v1"]; NULL if none */
    int suppressed;          /* some suppression is accepted (status absent or "accepted") */
    int absent;              /* baselineState is "absent": the result is no longer there */
};

/* The key of ecg's own fingerprint in partialFingerprints. */
#define SARIF_READ_FINGERPRINT_KEY "ecg/v1"

/* Loads the SARIF log at path into a new doc (free it with sarif_read_free).
 * Errors: ECG_EIO (cannot read), ECG_ENOMEM, ECG_EPARSE (bad JSON, or not a SARIF 2.1.0 log
 * of the shape above); detail in diag with the path, line and column. */
int sarif_read_file(struct sarif_doc **out, const char *path, struct ecg_diag *diag);

/* Loads a log from text[0..len) as sarif_read_file does; origin names it in errors. */
int sarif_read_text(struct sarif_doc **out, const char *text, size_t len, const char *origin,
                    struct ecg_diag *diag);

/* Releases doc and everything it owns; NULL is a no-op. */
void sarif_read_free(struct sarif_doc *doc);

/* Records in diag a failure about node (a value inside doc->root; NULL when none) at its
 * line and column in doc's file. */
void sarif_read_error(struct ecg_diag *diag, const struct sarif_doc *doc, const struct cJSON *node,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Fills out with what merge and diff need of result, a member of run's results; strings
 * are borrowed from the log. Never fails. */
void sarif_read_view(struct sarif_result_view *out, const struct cJSON *run,
                     const struct cJSON *result);

/* The rule object that result refers to through ruleIndex (or rule.index), or NULL. */
const struct cJSON *sarif_read_result_rule(const struct cJSON *run, const struct cJSON *result);

#endif
