/* Unit tests for opening the results database: creation and reopening, identity and
 * pragmas, schema migrations, and the faults it must survive (writers racing, a writer
 * killed mid-transaction, damaged, foreign and newer files, read-only places). The cache,
 * baseline and history have their own tests (test_db_cache.c and so on). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analyzer/db.h"
#include "analyzer/db_int.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/finding.h"
#include "tests/support/db_fixture.h"
#include "tests/support/testkit.h"

/* The unprivileged account a root test drops to, so directory permissions apply. */
#define NOBODY_ID 65534

/* Opens path expecting failure rc; the diagnostic names path and its message contains
 * each of the NULL-terminated words. */
static void open_fails(const char *path, int reset, int expect_rc, const char *word, ...)
{
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    va_list ap;

    ecg_diag_clear(&diag);
    assert_int_equal(ecg_db_open(&db, path, reset, &diag), expect_rc);
    assert_null(db);
    assert_true(diag.message[0] != '\0');
    va_start(ap, word);
    for (const char *w = word; w != NULL; w = va_arg(ap, const char *)) {
        if (strstr(diag.message, w) == NULL) {
            va_end(ap);
            fail_msg("'%s' not in the message: %s", w, diag.message);
        }
    }
    va_end(ap);
}

static void test_db_create_and_reopen_keeps_data(void **state)
{
    struct db_fixture *fx = *state;
    static const char *const want[] = { "deps-1", NULL };
    struct ecg_db_run run = db_fixture_make_run(1700000000, NULL, NULL, 0);
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0); /* .ecg/ does not exist yet */
    char created_by[64];

    db_fixture_store_ok(db, "manifest", "d1", "deps-1", "[]");
    assert_int_equal(ecg_db_history_add(db, &run, NULL), 0);
    ecg_db_close(db);
    ecg_db_close(NULL);

    db = db_fixture_open_ok(fx->db, 0);
    db_fixture_expect_entries(db, "manifest", want);
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM runs"), 1);
    db_fixture_raw_text(created_by, sizeof(created_by), fx->db,
                        "SELECT value FROM meta WHERE key = 'created_by'");
    assert_non_null(strstr(created_by, "ecg "));
    ecg_db_close(db);
}

static void test_db_schema_version_and_identity(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    char mode[16];
    size_t n = 0;

    ecg_db_migrations(&n);
    assert_int_equal(n, 2);
    assert_int_equal(ecg_db_schema_version(db), 2);
    assert_int_equal(ecg_db_check_integrity(db, NULL), 0);
    assert_int_equal(db_fixture_conn_int(db, "PRAGMA busy_timeout"), 10000);
    assert_int_equal(db_fixture_conn_int(db, "PRAGMA synchronous"), 1); /* NORMAL */
    assert_int_equal(db_fixture_conn_int(db, "PRAGMA foreign_keys"), 1);
    ecg_db_close(db);
    assert_int_equal(db_fixture_raw_int(fx->db, "PRAGMA application_id"), ECG_DB_APPLICATION_ID);
    assert_int_equal(db_fixture_raw_int(fx->db, "PRAGMA user_version"), 2);
    db_fixture_raw_text(mode, sizeof(mode), fx->db, "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    assert_int_equal(db_fixture_raw_int(fx->db,
                                        "SELECT count(*) FROM sqlite_master WHERE name IN"
                                        " ('meta', 'cache', 'baseline', 'runs', 'run_counts',"
                                        " 'metrics')"),
                     6);
}

/* Opens path with the real migrations plus extra (NULL for none). */
static int open_with(struct ecg_db **out, const char *path, const char *extra,
                     struct ecg_diag *diag)
{
    size_t n = 0;
    const char *const *real = ecg_db_migrations(&n);
    const char *table[8];

    assert_true(n < sizeof(table) / sizeof(table[0]));
    memcpy(table, real, n * sizeof(*table));
    if (extra != NULL)
        table[n++] = extra;
    return ecg_db_open_schema(out, path, 0, table, n, diag);
}

static void test_db_migrations_are_idempotent(void **state)
{
    struct db_fixture *fx = *state;
    static const char v2[] = "CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (42);";
    static const char *const want[] = { "kept", NULL };
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    struct ecg_diag diag;

    db_fixture_store_ok(db, "m", "d", "kept", "[]");
    ecg_db_close(db);
    db = db_fixture_open_ok(fx->db, 0); /* nothing to apply a second time */
    assert_int_equal(ecg_db_schema_version(db), 2);
    ecg_db_close(db);

    for (int round = 0; round < 2; round++) {
        db = NULL;
        ecg_diag_clear(&diag);
        assert_int_equal(open_with(&db, fx->db, v2, &diag), 0);
        assert_int_equal(ecg_db_schema_version(db), 3);
        db_fixture_expect_entries(db, "m", want);
        ecg_db_close(db);
        /* Applied once: a second open does not insert the row again. */
        assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM extra"), 1);
    }
    open_fails(fx->db, 0, ECG_EDB, "newer ecg", "--reset-db", NULL);
}

static void test_db_failed_migration_rolls_back(void **state)
{
    struct db_fixture *fx = *state;
    static const char bad_v2[] = "CREATE TABLE extra (x INTEGER); CREATE TABLE extra (y);";
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    struct ecg_diag diag;

    ecg_db_close(db);
    db = NULL;
    ecg_diag_clear(&diag);
    assert_int_equal(open_with(&db, fx->db, bad_v2, &diag), ECG_EDB);
    assert_null(db);
    assert_string_equal(diag.path, fx->db);
    assert_non_null(strstr(diag.message, "schema version 3"));
    assert_non_null(strstr(diag.message, "already exists"));
    assert_int_equal(db_fixture_raw_int(fx->db, "PRAGMA user_version"), 2);
    assert_int_equal(
        db_fixture_raw_int(fx->db, "SELECT count(*) FROM sqlite_master WHERE name = 'extra'"), 0);
}

/* Child body of the two-writer test: waits for the start signal, then 500 cache entries
 * and 500 runs, each in its own transaction. Returns the exit status. */
static int write_many(const char *path, int start_fd, int id)
{
    struct ecg_db_run run = db_fixture_make_run(1700000000 + id, "abc", NULL, 0);
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    char key[32];
    char go;
    int rc;

    if (read(start_fd, &go, 1) != 0)
        return 3;
    ecg_diag_clear(&diag);
    rc = ecg_db_open(&db, path, 0, &diag);
    for (int i = 0; rc == 0 && i < 500; i++) {
        snprintf(key, sizeof(key), "writer%d-%d", id, i);
        rc = ecg_db_cache_store(db, key, "deps", "{}", "[]", &diag);
        if (rc == 0)
            rc = ecg_db_history_add(db, &run, &diag);
    }
    ecg_db_close(db);
    if (rc != 0)
        fprintf(stderr, "writer %d: %s: %s\n", id, diag.path, diag.message);
    return rc == 0 ? 0 : 1;
}

/* Child body of the creation race: opens path when started, stores one entry. */
static int create_and_store(const char *path, int start_fd, int id)
{
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    char key[16];
    char go;
    int rc;

    if (read(start_fd, &go, 1) != 0)
        return 3;
    ecg_diag_clear(&diag);
    snprintf(key, sizeof(key), "writer%d", id);
    rc = ecg_db_open(&db, path, 0, &diag);
    if (rc == 0)
        rc = ecg_db_cache_store(db, key, "deps", "{}", "[]", &diag);
    ecg_db_close(db);
    if (rc != 0)
        fprintf(stderr, "writer %d: %s: %s\n", id, diag.path, diag.message);
    return rc == 0 ? 0 : 1;
}

/* Starts n (at most 8) children on path at the same moment; all must succeed. */
static void race(const char *path, int n, int (*body)(const char *, int, int))
{
    pid_t pids[8];
    int start[2];

    assert_true(n <= 8);
    assert_int_equal(pipe(start), 0);
    fflush(NULL);
    for (int i = 0; i < n; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            close(start[1]);
            _exit(body(path, start[0], i));
        }
    }
    /* Closing the pipe starts them all. */
    close(start[0]);
    close(start[1]);
    for (int i = 0; i < n; i++) {
        int status = 0;

        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
}

static void test_db_fault_two_processes_create_at_once(void **state)
{
    struct db_fixture *fx = *state;
    char path[700];

    /* Each round races on a new file: creation, WAL switch and migration overlap. */
    for (int round = 0; round < 60; round++) {
        testkit_path(path, sizeof(path), "%s/race%d/ecg.db", fx->dir, round);
        race(path, 4, create_and_store);
        assert_int_equal(db_fixture_raw_int(path, "SELECT count(*) FROM cache"), 4);
        assert_int_equal(db_fixture_raw_int(path, "PRAGMA user_version"), 2);
    }
}

static void test_db_fault_two_processes_write_at_once(void **state)
{
    struct db_fixture *fx = *state;

    race(fx->db, 2, write_many);
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM cache"), 1000);
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM runs"), 1000);
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(DISTINCT manifest_key) FROM cache"),
                     1000);
}

/* Child body of the kill test: transactions of 20 cache entries and a run, forever,
 * writing one byte to done_fd after each commit. */
static int write_until_killed(const char *path, int done_fd)
{
    struct ecg_db_run run = db_fixture_make_run(1700000000, NULL, NULL, 0);
    struct ecg_db *db = NULL;
    char key[32];
    int rc = ecg_db_open(&db, path, 0, NULL);

    for (int i = 0; rc == 0 && i < 1000000; i++) {
        rc = ecg_db_begin(db, NULL);
        for (int j = 0; rc == 0 && j < 20; j++) {
            snprintf(key, sizeof(key), "k%d-%d", i, j);
            rc = ecg_db_cache_store(db, key, "deps", "{\"files\": []}", "[]", NULL);
        }
        if (rc == 0)
            rc = ecg_db_history_add(db, &run, NULL);
        if (rc == 0)
            rc = ecg_db_commit(db, NULL);
        if (rc == 0 && write(done_fd, "x", 1) != 1)
            rc = ECG_EIO; /* the parent is gone */
    }
    ecg_db_close(db);
    return 1;
}

static void test_db_fault_killed_writer_leaves_database_usable(void **state)
{
    struct db_fixture *fx = *state;
    static const char *const fresh[] = { "after", NULL };
    struct ecg_db *db;
    int done[2];
    int status = 0;
    int commits = 0;
    pid_t pid;
    char buf[64];

    assert_int_equal(pipe(done), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(done[0]);
        signal(SIGPIPE, SIG_IGN);
        _exit(write_until_killed(fx->db, done[1]));
    }
    close(done[1]);
    /* Kill it deep in its loop, after 300 commits: most of its time is spent mid-write. */
    while (commits < 300) {
        ssize_t got = read(done[0], buf, sizeof(buf));

        if (got <= 0)
            break;
        commits += (int)got;
    }
    kill(pid, SIGKILL);
    close(done[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
    assert_true(commits >= 300);

    db = db_fixture_open_ok(fx->db, 0);
    assert_int_equal(ecg_db_check_integrity(db, NULL), 0);
    /* Every commit the child reported survived its death. */
    assert_true(db_fixture_raw_int(fx->db, "SELECT count(*) FROM runs") >= commits);
    assert_true(db_fixture_raw_int(fx->db, "SELECT count(*) FROM cache") >= 20LL * commits);
    db_fixture_store_ok(db, "new", "k", "after", "[]");
    db_fixture_expect_entries(db, "new", fresh);
    ecg_db_close(db);
}

/* Fills buf with reproducible bytes that do not start with SQLite's magic string. */
static void noise(unsigned char *buf, size_t len)
{
    uint32_t x = 2463534242u;

    for (size_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
}

static void test_db_fault_corrupt_file_needs_reset(void **state)
{
    struct db_fixture *fx = *state;
    static const char *const none[] = { NULL };
    unsigned char bytes[8192];
    struct ecg_db *db;
    char path[700];

    testkit_make_dirs(testkit_path(path, sizeof(path), "%s/.ecg", fx->dir));
    noise(bytes, sizeof(bytes));
    testkit_write_bytes(fx->db, bytes, sizeof(bytes));
    open_fails(fx->db, 0, ECG_EDB, "not an ecg results database", "--reset-db", NULL);

    testkit_write_file(fx->db, "this is a text file, not a database\n");
    open_fails(fx->db, 0, ECG_EDB, "not an ecg results database", "--reset-db", NULL);
    /* The failed opens left the file as it was. */
    assert_int_equal(access(testkit_path(path, sizeof(path), "%s-wal", fx->db), F_OK), -1);

    db = db_fixture_open_ok(fx->db, 1);
    assert_int_equal(ecg_db_schema_version(db), 2);
    db_fixture_expect_entries(db, "m", none);
    db_fixture_store_ok(db, "m", "k", "d", "[]");
    ecg_db_close(db);
}

/* Overwrites the pages after the first of a closed database with noise. */
static void damage_pages(const char *path)
{
    unsigned char bytes[3 * 4096];
    FILE *f = fopen(path, "r+b");

    assert_non_null(f);
    noise(bytes, sizeof(bytes));
    assert_int_equal(fseek(f, 4096, SEEK_SET), 0);
    assert_int_equal(fwrite(bytes, 1, sizeof(bytes), f), sizeof(bytes));
    assert_int_equal(fclose(f), 0);
}

static void test_db_fault_damaged_pages_fail_integrity(void **state)
{
    struct db_fixture *fx = *state;
    struct ecg_db *db = db_fixture_open_ok(fx->db, 0);
    struct ecg_diag diag;
    char deps[512];
    char key[32];
    int rc;

    memset(deps, 'x', sizeof(deps) - 1);
    deps[sizeof(deps) - 1] = '\0';
    for (int i = 0; i < 200; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        db_fixture_store_ok(db, key, "d", deps, "[]");
    }
    ecg_db_close(db); /* the last connection folds the WAL into the file */
    damage_pages(fx->db);

    db = NULL;
    ecg_diag_clear(&diag);
    rc = ecg_db_open(&db, fx->db, 0, &diag);
    if (rc == 0) {
        rc = ecg_db_check_integrity(db, &diag);
        ecg_db_close(db);
    }
    assert_int_equal(rc, ECG_EDB);
    assert_string_equal(diag.path, fx->db);
    assert_non_null(strstr(diag.message, "--reset-db"));
    ecg_db_close(db_fixture_open_ok(fx->db, 1));
}

static void test_db_fault_foreign_database_is_left_alone(void **state)
{
    struct db_fixture *fx = *state;
    char mode[16];
    char dir[600];

    testkit_make_dirs(testkit_path(dir, sizeof(dir), "%s/.ecg", fx->dir));
    db_fixture_raw_exec(fx->db, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
                                "INSERT INTO users (name) VALUES ('ada');");
    open_fails(fx->db, 0, ECG_EDB, "another program's database", "--reset-db", NULL);
    assert_int_equal(db_fixture_raw_int(fx->db, "SELECT count(*) FROM users"), 1);
    assert_int_equal(db_fixture_raw_int(fx->db, "PRAGMA application_id"), 0);
    db_fixture_raw_text(mode, sizeof(mode), fx->db, "PRAGMA journal_mode");
    assert_string_equal(mode, "delete");

    /* Another application's id, even without tables. */
    assert_int_equal(unlink(fx->db), 0);
    db_fixture_raw_exec(fx->db, "PRAGMA application_id = 1234");
    open_fails(fx->db, 0, ECG_EDB, "another program's database", NULL);
    assert_int_equal(db_fixture_raw_int(fx->db, "PRAGMA application_id"), 1234);
}

static void test_db_fault_newer_schema_is_refused(void **state)
{
    struct db_fixture *fx = *state;

    ecg_db_close(db_fixture_open_ok(fx->db, 0));
    db_fixture_raw_exec(fx->db, "PRAGMA user_version = 99");
    open_fails(fx->db, 0, ECG_EDB, "created by a newer ecg", "--reset-db", NULL);
    assert_int_equal(db_fixture_raw_int(fx->db, "PRAGMA user_version"), 99);
}

static void test_db_fault_unwritable_location_is_eio(void **state)
{
    struct db_fixture *fx = *state;
    char path[700];

    /* Nothing can be created under /proc, whoever runs the test. */
    open_fails("/proc/ecg-test/ecg.db", 0, ECG_EIO, "cannot create", NULL);
    open_fails("/proc/ecg.db", 0, ECG_EIO, "cannot create", NULL);
    /* No file name: SQLite would open a temporary database, or ecg make a directory. */
    open_fails("", 0, ECG_EIO, "must name a file", NULL);
    open_fails(testkit_path(path, sizeof(path), "%s/sub/", fx->dir), 0, ECG_EIO, "must name a file",
               NULL);
    assert_int_equal(access(path, F_OK), -1);
}

/* Returns 0 when db_path cannot be opened (ECG_EIO, quickly: no busy wait), or a status
 * naming the failure. */
static int open_is_eio(const char *db_path, int status_on_failure)
{
    struct ecg_db *db = NULL;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    rc = ecg_db_open(&db, db_path, 0, &diag);
    if (rc == ECG_EIO && db == NULL && strcmp(diag.path, "") != 0)
        return 0;
    fprintf(stderr, "%s: expected ECG_EIO, got %d: %s\n", db_path, rc, diag.message);
    ecg_db_close(db);
    return status_on_failure;
}

/* Root ignores directory permissions: become nobody, for good. Returns 0 or -1. */
static int drop_root(void)
{
    if (getuid() != 0)
        return 0;
    if (setgroups(0, NULL) != 0 || setgid(NOBODY_ID) != 0 || setuid(NOBODY_ID) != 0)
        return -1;
    return setuid(0) == 0 ? -1 : 0; /* must not be able to get root back */
}

/* Child body of the read-only directory test, as an unprivileged user when started as
 * root. Exit 77: the directory is unreachable for that user. */
static int open_in_readonly_dir(const char *dir)
{
    char path[700];
    int rc;

    alarm(60); /* a hang fails the test instead of stalling it */
    if (drop_root() != 0)
        return 2;
    if (access(dir, X_OK) != 0)
        return 77;
    if (access(dir, W_OK) == 0)
        return 3;
    rc = open_is_eio(testkit_path(path, sizeof(path), "%s/new.db", dir), 4);
    if (rc == 0)
        rc = open_is_eio(testkit_path(path, sizeof(path), "%s/sub/dir/new.db", dir), 5);
    if (rc == 0)
        rc = open_is_eio(testkit_path(path, sizeof(path), "%s/readonly.db", dir), 6);
    if (rc == 0)
        rc = open_is_eio(testkit_path(path, sizeof(path), "%s/writable.db", dir), 7);
    return rc;
}

static void test_db_fault_readonly_directory_is_eio(void **state)
{
    struct db_fixture *fx = *state;
    char dir[600];
    char path[700];
    int status = 0;
    pid_t pid;

    testkit_make_dirs(testkit_path(dir, sizeof(dir), "%s/ro", fx->dir));
    ecg_db_close(db_fixture_open_ok(testkit_path(path, sizeof(path), "%s/readonly.db", dir), 0));
    assert_int_equal(chmod(path, 0444), 0);
    ecg_db_close(db_fixture_open_ok(testkit_path(path, sizeof(path), "%s/writable.db", dir), 0));
    assert_int_equal(chmod(path, 0666), 0);
    if (getuid() == 0)
        assert_int_equal(chown(path, NOBODY_ID, NOBODY_ID), 0);
    /* Reachable by anyone (mkdtemp made the scratch directory 0700), writable by none. */
    assert_int_equal(chmod(fx->dir, 0755), 0);
    assert_int_equal(chmod(dir, 0555), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(open_in_readonly_dir(dir));
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(chmod(dir, 0755), 0);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77)
        skip(); /* a parent of the build tree is closed to the unprivileged user */
    assert_int_equal(WEXITSTATUS(status), 0);
    /* Nothing was created, and the existing files are untouched. */
    assert_int_equal(access(testkit_path(path, sizeof(path), "%s/new.db", dir), F_OK), -1);
    assert_int_equal(db_fixture_raw_int(testkit_path(path, sizeof(path), "%s/readonly.db", dir),
                                        "PRAGMA user_version"),
                     2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DB_TEST(name) cmocka_unit_test_setup_teardown(name, db_fixture_setup, db_fixture_teardown)
        DB_TEST(test_db_create_and_reopen_keeps_data),
        DB_TEST(test_db_schema_version_and_identity),
        DB_TEST(test_db_migrations_are_idempotent),
        DB_TEST(test_db_failed_migration_rolls_back),
        DB_TEST(test_db_fault_two_processes_create_at_once),
        DB_TEST(test_db_fault_two_processes_write_at_once),
        DB_TEST(test_db_fault_killed_writer_leaves_database_usable),
        DB_TEST(test_db_fault_corrupt_file_needs_reset),
        DB_TEST(test_db_fault_damaged_pages_fail_integrity),
        DB_TEST(test_db_fault_foreign_database_is_left_alone),
        DB_TEST(test_db_fault_newer_schema_is_refused),
        DB_TEST(test_db_fault_unwritable_location_is_eio),
        DB_TEST(test_db_fault_readonly_directory_is_eio),
#undef DB_TEST
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
