/* Building JSON for the SARIF writer, merge and diff: the one function through which they add
 * items to cJSON containers, so that an item cJSON refuses is deleted, not leaked. */
#ifndef ECG_SARIF_JSON_H
#define ECG_SARIF_JSON_H

struct cJSON;

/* Adds item to parent under key (a string literal, kept by pointer), or appends it when key is
 * NULL. Consumes item: when cJSON refuses it, or parent is NULL (the trace of an earlier
 * failure), it is deleted and *rc set to ECG_ENOMEM; a NULL item (a failed allocation) also
 * sets *rc. *rc is left alone on success. Returns item, or NULL on failure. */
struct cJSON *sarif_json_adopt(int *rc, struct cJSON *parent, const char *key, struct cJSON *item);

#endif
