/* One `ecg check` run: configuration, planning, the workers, then the passes over all
 * findings (order and de-duplication, suppressions, the gate, fingerprints). The run
 * context is everything here; nothing is global. */
#ifndef ECG_ANALYZER_RUN_H
#define ECG_ANALYZER_RUN_H

#include <stdio.h>

struct ecg_check_options;
struct ecg_config;
struct ecg_diag;
struct ecg_result;

/* Runs the analysis described by opts into result (initialised by the caller). Units that
 * fail are recorded in result (units_failed, unit_errors), not returned as errors.
 * Errors that stop the run before analysis: ECG_EUSAGE, ECG_ECONFIG, ECG_EPARSE, ECG_EIO,
 * with the detail in diag; ECG_ENOMEM. Warnings and misuse of NOLINT markers go to err. */
int ecg_run_check(struct ecg_result *result, const struct ecg_check_options *opts, FILE *err,
                  struct ecg_diag *diag);

/* The configuration the command line stands for (--config text, then --checks,
 * --warnings-as-errors, --header-filter on top). Errors as ecg_config_parse. */
int ecg_run_cli_config(struct ecg_config **out, const struct ecg_check_options *opts,
                       struct ecg_diag *diag);

/* The effective configuration for the first FILE (or the current directory when there is
 * none), for --dump-config and --list-checks. The caller frees it. */
int ecg_run_effective_config(struct ecg_config **out, const struct ecg_check_options *opts,
                             struct ecg_diag *diag);

/* Warns on err about each positive --checks entry that matches no rule (unless quiet). */
void ecg_run_warn_unknown_checks(const struct ecg_check_options *opts, FILE *err);

/* The project root: --project-root, or the enclosing git checkout of the first input, or
 * the current directory. Absolute, without a trailing '/'. NULL when memory runs out. */
char *ecg_run_project_root(const struct ecg_check_options *opts);

#endif
