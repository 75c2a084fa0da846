/* Cross-unit taint interfaces and seeds (analyzer/taint_xunit.h) as JSON, for the
 * incremental cache: a replayed unit still offers its interface to the others, and its
 * findings stand only while its seeds are the ones stored with them. */
#ifndef ECG_ANALYZER_TAINT_XUNIT_JSON_H
#define ECG_ANALYZER_TAINT_XUNIT_JSON_H

#include "analyzer/taint_xunit.h"

struct cJSON;

/* {"d": [...], "c": [...], "r": [...], "f": [fact...], "w2": [want key...]} ("w2" only when
 * there are wants; entries of older versions hold "w", wants without conditions, which the
 * reader still takes); NULL when memory runs out. The caller owns the result. */
struct cJSON *ecg_taint_xunit_json_iface(const struct ecg_xiface *x);

/* [fact...], each [what, pointee, index, name, kind, [[path, line, col, end line, end col,
 * text]...], field]; NULL when memory runs out. */
struct cJSON *ecg_taint_xunit_json_facts(const struct ecg_xfacts *facts);

/* Reads what ecg_taint_xunit_json_iface wrote into *out (initialised by the call). Returns
 * 0, ECG_EPARSE for a malformed value, or ECG_ENOMEM; *out is empty on failure. */
int ecg_taint_xunit_json_read_iface(struct ecg_xiface *out, const struct cJSON *json);

/* Reads what ecg_taint_xunit_json_facts wrote, as ecg_taint_xunit_json_read_iface. */
int ecg_taint_xunit_json_read_facts(struct ecg_xfacts *out, const struct cJSON *json);

#endif
