/* The `ecg gen` command: reads annotated headers, plans each struct's layout and writes
 * <name>.gen.h and <name>.gen.c per struct, or prints the layout report. Nothing is written
 * unless every header was read and every struct planned and rendered. */
#ifndef ECG_CODEGEN_CLI_H
#define ECG_CODEGEN_CLI_H

/* Runs `ecg gen HEADER... -o DIR [--report] [-- COMPILER-ARGS]` (argv[0] is "gen") and
 * returns the exit code: 0 done, 2 for a usage error, a header that does not parse, a bad
 * annotation or refused struct, or a file that cannot be written; 3 when memory runs out.
 * Errors go to stderr as "file:line:col: error: message"; the report goes to stdout. */
int gen_cli_main(int argc, char **argv);

#endif
