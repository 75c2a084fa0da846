/* The `ecg sarif` command line: `merge` (shards' logs into one) and `diff` (new, fixed and
 * unchanged results between two logs). Exit codes: 0 done (for diff: no new result fails
 * the gate), 1 diff found a new unsuppressed result of level error, 2 usage or input error. */
#ifndef ECG_SARIF_CLI_H
#define ECG_SARIF_CLI_H

#include <stdio.h>

/* Runs `ecg sarif ...` with argv[0] "sarif", writing to stdout and stderr; returns the exit
 * code. */
int sarif_cli_main(int argc, char **argv);

/* As sarif_cli_main, with output to out and diagnostics and usage errors to err. */
int sarif_cli_run(int argc, char **argv, FILE *out, FILE *err);

#endif
