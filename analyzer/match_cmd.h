/* The `ecg match` command: replays order commands (text or binary) through libecgrt's
 * matching engine and prints its events; converts text commands to the binary format. */
#ifndef ECG_ANALYZER_MATCH_CMD_H
#define ECG_ANALYZER_MATCH_CMD_H

/* Runs `ecg match` (argv[0] is "match") and returns the exit code: 0 done; 2 a usage error,
 * an input that cannot be read, or malformed lines (each reported with its line number and
 * skipped: the book stays as it was). */
int ecg_match_main(int argc, char **argv);

#endif
