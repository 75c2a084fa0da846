/* Internals shared by the configuration's files: config_merge.c copies option values and taint
 * lists when it lays one configuration over another, and config_dump.c copies them the same way
 * into --dump-config's output. */
#ifndef ECG_ANALYZER_CONFIG_INT_H
#define ECG_ANALYZER_CONFIG_INT_H

struct cJSON;

/* Adds a copy of an option value (the types options validate to) as obj[name]. Returns the
 * copy (owned by obj), or NULL when memory runs out. */
struct cJSON *ecg_config_add_value(struct cJSON *obj, const char *name, const struct cJSON *value);

/* Appends copies of every entry of over's taint lists to dst's lists (creating the lists dst
 * lacks). Returns 0 or ECG_ENOMEM; dst may then hold some of the copies. */
int ecg_config_append_taint(struct cJSON *dst, const struct cJSON *over);

#endif
