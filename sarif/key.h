/* Identity of SARIF results across logs, for merge and diff: a result is known by its rule
 * and ecg's fingerprint, or, without one, by its rule, first location and message. Keys go
 * in a hash table whose entries carry counters for the caller. */
#ifndef ECG_SARIF_KEY_H
#define ECG_SARIF_KEY_H

#include <stddef.h>

struct sarif_result_view;

/* One distinct key and the caller's counters (zero when the entry is added). */
struct sarif_key_entry {
    char *key;       /* owned; NULL in an empty slot */
    size_t count[3]; /* meaning chosen by the caller */
};

/* An open-addressing hash table of keys. */
struct sarif_keys {
    struct sarif_key_entry *slots; /* owned; cap of them */
    size_t cap;                    /* 0 or a power of two */
    size_t len;                    /* keys held; at most half of cap */
};

/* Makes the key of a result as a new string the caller frees: (rule id, fingerprint) when
 * the view has a fingerprint, else (rule id, uriBaseId, uri, line, column, message).
 * Returns 0 or ECG_ENOMEM. */
int sarif_key_make(char **out, const struct sarif_result_view *view);

/* Prepares an empty table in the caller's storage. */
void sarif_key_init(struct sarif_keys *keys);

/* Releases every key and the slots; the table is empty and reusable afterwards. */
void sarif_key_fini(struct sarif_keys *keys);

/* Finds the entry of key, adding one with zero counters when there is none. Takes key: it
 * becomes the entry's, or is freed when the entry existed or on failure. The entry is valid
 * until the next addition. Returns 0 or ECG_ENOMEM. */
int sarif_key_take(struct sarif_key_entry **out, struct sarif_keys *keys, char *key);

/* The entry of key, or NULL; valid until the next addition. */
struct sarif_key_entry *sarif_key_find(const struct sarif_keys *keys, const char *key);

#endif
