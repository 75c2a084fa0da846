/* The run's results database; see rundb.h. */
#include "analyzer/rundb.h"

#include <stdlib.h>

#include "analyzer/baseline.h"
#include "analyzer/cli.h"
#include "analyzer/db.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/path.h"
#include "analyzer/result.h"

int ecg_rundb_open(struct ecg_db **out, const struct ecg_check_options *opts, const char *root,
                   FILE *err, struct ecg_diag *diag)
{
    int needed = opts->baseline || opts->save_baseline;
    struct ecg_diag why;
    char *path;
    int rc;

    *out = NULL;
    if (opts->no_db)
        return 0;
    path = opts->db_path != NULL ? ecg_path_absolute(NULL, opts->db_path)
                                 : ecg_path_join(root, ECG_DB_DEFAULT_PATH);
    if (path == NULL)
        return ECG_ENOMEM;
    ecg_diag_clear(&why);
    rc = ecg_db_open(out, path, opts->reset_db, &why);
    if (rc == ECG_EIO && !needed) {
        if (!opts->quiet) {
            ecg_diag_print(&why, err, "warning");
            fprintf(err, "ecg: warning: analyzing without the results database (no cache, "
                         "no history); pass --db PATH to put it elsewhere\n");
        }
        rc = 0;
    } else if (rc != 0) {
        *diag = why;
    }
    free(path);
    return rc;
}

int ecg_rundb_load_baseline(struct ecg_db_baseline_entry **out, size_t *out_n, struct ecg_db *db,
                            struct ecg_diag *diag)
{
    int saved = 0;
    int rc = ecg_db_baseline_load(db, out, out_n, &saved, diag);

    if (rc == 0 && !saved) {
        ecg_diag_set(diag, NULL, 0, 0,
                     "no baseline has been saved in this database; run "
                     "'ecg baseline save' with the same options first");
        rc = ECG_EUSAGE;
    }
    return rc;
}

int ecg_rundb_save_baseline(struct ecg_db *db, const struct ecg_result *result, size_t *out_n,
                            struct ecg_diag *diag)
{
    struct ecg_db_baseline_entry *entries = NULL;
    size_t n = 0;
    int rc = ecg_baseline_from_result(&entries, &n, result);

    if (rc == 0)
        rc = ecg_db_baseline_replace(db, entries, n, diag);
    ecg_db_baseline_free(entries, n);
    if (rc == 0)
        *out_n = n;
    return rc;
}
