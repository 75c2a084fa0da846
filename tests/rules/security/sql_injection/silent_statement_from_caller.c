// A statement handed in by the caller is not judged here: where it comes from is the
// caller's business (the taint engine follows it across calls).
#include <sqlite3.h>
#include <stddef.h>

int run_script(sqlite3 *db, const char *script)
{
    return sqlite3_exec(db, script, NULL, NULL, NULL);
}

struct job {
    const char *sql;
};

int run_job(sqlite3 *db, const struct job *job)
{
    return sqlite3_exec(db, job->sql, NULL, NULL, NULL);
}
