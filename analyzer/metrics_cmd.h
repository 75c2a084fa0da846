/* The `ecg metrics` command: the check run's options, with the metrics of every function
 * written (text, CSV or JSON) instead of findings and recorded in the results database. */
#ifndef ECG_ANALYZER_METRICS_CMD_H
#define ECG_ANALYZER_METRICS_CMD_H

/* Runs `ecg metrics` (argv[0] is "metrics") and returns the process exit code: 0, 2 for a
 * usage, configuration or output error, 3 when a unit could not be analysed (the metrics
 * of the others are still written). Prints to stdout and stderr. */
int ecg_metrics_main(int argc, char **argv);

#endif
