/* The rule catalog: `ecg rules` (a table) and `ecg rules --json` (every descriptor field),
 * and the "Enabled checks" list of --list-checks. */
#ifndef ECG_ANALYZER_CATALOG_H
#define ECG_ANALYZER_CATALOG_H

#include <stdio.h>

struct ecg_config;

/* Prints the whole catalog as JSON to out. Returns 0, ECG_ENOMEM or ECG_EIO. */
int ecg_catalog_print_json(FILE *out);

/* Prints one line per rule: id, default level, opt-in mark, summary. */
void ecg_catalog_print_table(FILE *out);

/* Prints the rules cfg enables, as clang-tidy's --list-checks does. */
void ecg_catalog_print_enabled(FILE *out, const struct ecg_config *cfg);

#endif
