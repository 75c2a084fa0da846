/* Unit tests for output files: a regular file is replaced atomically (never half-written),
 * a symbolic link keeps pointing at its target, and a device or FIFO is written in place
 * rather than replaced by a regular file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"
#include "tests/support/testkit.h"

static int write_through(const char *path, const char *text)
{
    struct ecg_atomic_file file;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    rc = ecg_fileio_atomic_open(&file, path, &diag);
    if (rc != 0)
        return rc;
    fputs(text, file.stream);
    return ecg_fileio_atomic_commit(&file, &diag);
}

static char *slurp(const char *path)
{
    char *text = NULL;
    size_t len = 0;

    assert_int_equal(ecg_fileio_read(&text, &len, path, NULL), 0);
    return text;
}

static void test_fileio_regular_file_replaced_and_abort_keeps_old(void **state)
{
    char dir[4096], path[4200];
    struct ecg_atomic_file file;
    char *text;

    (void)state;
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "fileio"), 0);
    testkit_write_in(path, sizeof(path), dir, "out.txt", "old\n");
    assert_int_equal(write_through(path, "new\n"), 0);
    text = slurp(path);
    assert_string_equal(text, "new\n");
    free(text);
    assert_int_equal(ecg_fileio_atomic_open(&file, path, NULL), 0);
    fputs("half", file.stream);
    ecg_fileio_atomic_abort(&file);
    text = slurp(path);
    assert_string_equal(text, "new\n");
    free(text);
    assert_int_equal(testkit_remove_tree(dir), 0);
}

static void test_fileio_symlink_keeps_pointing_at_target(void **state)
{
    char dir[4096], target[4200], link[4200];
    struct stat st;
    char *text;

    (void)state;
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "fileio"), 0);
    testkit_write_in(target, sizeof(target), dir, "real.txt", "old\n");
    testkit_path(link, sizeof(link), "%s/link.txt", dir);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(write_through(link, "via link\n"), 0);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    text = slurp(target);
    assert_string_equal(text, "via link\n");
    free(text);
    assert_int_equal(testkit_remove_tree(dir), 0);
}

static void test_fileio_fifo_written_in_place(void **state)
{
    char dir[4096], fifo[4200], got[64];
    struct stat st;
    int reader;
    ssize_t n;

    (void)state;
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "fileio"), 0);
    testkit_path(fifo, sizeof(fifo), "%s/out.fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    reader = open(fifo, O_RDONLY | O_NONBLOCK); /* lets the writer open without blocking */
    assert_true(reader >= 0);
    assert_int_equal(write_through(fifo, "through the pipe"), 0);
    n = read(reader, got, sizeof(got) - 1);
    assert_int_equal(n, (ssize_t)strlen("through the pipe"));
    got[n] = '\0';
    assert_string_equal(got, "through the pipe");
    close(reader);
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(testkit_remove_tree(dir), 0);
}

/* A private null device, so a regression cannot harm the machine's /dev/null. Creating
 * device nodes needs root; elsewhere the FIFO test covers the same path. */
static void test_fileio_device_node_stays_a_device(void **state)
{
    char dir[4096], node[4200];
    struct stat st;

    (void)state;
    if (geteuid() != 0) {
        skip();
        return;
    }
    assert_int_equal(testkit_tmpdir(dir, sizeof(dir), "fileio"), 0);
    testkit_path(node, sizeof(node), "%s/null", dir);
    if (mknod(node, S_IFCHR | 0666, makedev(1, 3)) != 0) {
        assert_int_equal(testkit_remove_tree(dir), 0);
        skip(); /* a container that forbids mknod */
        return;
    }
    assert_int_equal(write_through(node, "discarded"), 0);
    assert_int_equal(lstat(node, &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(testkit_remove_tree(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fileio_regular_file_replaced_and_abort_keeps_old),
        cmocka_unit_test(test_fileio_symlink_keeps_pointing_at_target),
        cmocka_unit_test(test_fileio_fifo_written_in_place),
        cmocka_unit_test(test_fileio_device_node_stays_a_device),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
