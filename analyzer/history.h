/* The run history: each check run recorded in the results database with its git commit
 * and counts per rule and level, so a project sees whether its findings grow. */
#ifndef ECG_ANALYZER_HISTORY_H
#define ECG_ANALYZER_HISTORY_H

struct ecg_db;
struct ecg_diag;
struct ecg_result;

/* Records the run described by result (its commit taken from the git repository holding
 * the project root, if any). Errors: ECG_EDB, ECG_ENOMEM. */
int ecg_history_record(struct ecg_db *db, const struct ecg_result *result, struct ecg_diag *diag);

#endif
