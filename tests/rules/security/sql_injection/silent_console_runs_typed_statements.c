// An SQL console runs the statements its user types or gives in a script: running them is
// what the program is for. A whole statement from standard input, a file or the command
// line is not reported (option whole_statement_sources); a value spliced into one would be.
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static int print_row(void *arg, int n, char **values, char **names)
{
    (void)arg;
    for (int i = 0; i < n; i++)
        printf("%s = %s\n", names[i], values[i] != NULL ? values[i] : "NULL");
    return 0;
}

int run_script(sqlite3 *db, FILE *in)
{
    char line[4096];
    while (fgets(line, sizeof line, in) != NULL) {
        char *err = NULL;
        if (sqlite3_exec(db, line, print_row, NULL, &err) != SQLITE_OK) {
            fprintf(stderr, "error: %s\n", err);
            sqlite3_free(err);
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    sqlite3 *db;
    if (argc < 2 || sqlite3_open(argv[1], &db) != SQLITE_OK)
        return 1;
    if (argc > 2)
        sqlite3_exec(db, argv[2], print_row, NULL, NULL);
    else
        run_script(db, stdin);
    sqlite3_close(db);
    return 0;
}
