/* Unit tests for git: the "git diff -U0" reader on hand-written diffs, then ecg_git_run,
 * ecg_git_head and ecg_git_changes against real repositories made in scratch directories
 * (isolated from the user's git configuration and from any repository above them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/git.h"
#include "tests/support/testkit.h"

#define TOP "/work/repo"

/* ---- the diff reader ------------------------------------------------------------------ */

static struct ecg_changes *parse_ok(const char *top, const char *diff)
{
    struct ecg_changes *changes = NULL;
    struct ecg_diag diag;
    int rc;

    ecg_diag_clear(&diag);
    rc = ecg_git_changes_parse(&changes, top, diff, strlen(diff), &diag);
    if (rc != 0)
        fail_msg("parse failed (%d): %s:%u:%u: %s", rc, diag.path, diag.line, diag.col,
                 diag.message);
    assert_non_null(changes);
    return changes;
}

/* The diff fails with ECG_EPARSE at line:col (col 0: not checked), with message inside. */
static void parse_fails(const char *diff, unsigned line, unsigned col, const char *message)
{
    struct ecg_changes *sentinel = (struct ecg_changes *)&sentinel;
    struct ecg_changes *changes = sentinel;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    assert_int_equal(ecg_git_changes_parse(&changes, TOP, diff, strlen(diff), &diag), ECG_EPARSE);
    assert_ptr_equal(changes, sentinel);
    assert_string_equal(diag.path, "git diff");
    if (diag.line != line || (col != 0 && diag.col != col) || !strstr(diag.message, message))
        fail_msg("got %u:%u '%s', want %u:%u '%s'", diag.line, diag.col, diag.message, line, col,
                 message);
}

static int touched(const struct ecg_changes *changes, const char *rel, unsigned line,
                   unsigned end_line)
{
    char path[PATH_MAX];

    testkit_path(path, sizeof(path), "%s/%s", TOP, rel);
    return ecg_git_changes_touch(changes, path, line, end_line);
}

static void test_git_parse_files_and_hunks(void **state)
{
    struct ecg_changes *c = parse_ok(TOP, "diff --git a/src/a.c b/src/a.c\n"
                                          "index 1111111..2222222 100644\n"
                                          "--- a/src/a.c\n"
                                          "+++ b/src/a.c\n"
                                          "@@ -3 +3 @@ int main(void)\n"
                                          "-old\n"
                                          "+new\n"
                                          "@@ -10,0 +11,2 @@\n"
                                          "+x\n"
                                          "+y\n"
                                          "@@ -20,3 +22,4 @@ static void f(void)\n"
                                          "-a\n-b\n-c\n"
                                          "+A\n+B\n+C\n+D\n"
                                          "diff --git a/lib/b.c b/lib/b.c\n"
                                          "--- a/lib/b.c\n"
                                          "+++ b/lib/b.c\n"
                                          "@@ -1,2 +1 @@\n"
                                          "-p\n-q\n+r\n");
    (void)state;

    assert_false(touched(c, "src/a.c", 1, 2));
    assert_true(touched(c, "src/a.c", 3, 3));
    assert_false(touched(c, "src/a.c", 4, 10));
    assert_true(touched(c, "src/a.c", 10, 11));
    assert_true(touched(c, "src/a.c", 12, 12));
    assert_false(touched(c, "src/a.c", 13, 21));
    assert_true(touched(c, "src/a.c", 21, 22));
    assert_true(touched(c, "src/a.c", 25, 30));
    assert_false(touched(c, "src/a.c", 26, 100));
    assert_true(touched(c, "src/a.c", 1, 100));
    assert_true(touched(c, "lib/b.c", 1, 1));
    assert_false(touched(c, "lib/b.c", 2, 2));
    assert_false(touched(c, "a.c", 3, 3));
    assert_false(touched(c, "src/a.c.orig", 3, 3));
    /* Only paths below the top count, and the top ends at a '/'. */
    assert_false(ecg_git_changes_touch(c, "/work/repo2/src/a.c", 3, 3));
    assert_false(ecg_git_changes_touch(c, "/elsewhere/src/a.c", 3, 3));
    assert_false(ecg_git_changes_touch(c, "src/a.c", 3, 3));
    /* An end before the start means the start line alone. */
    assert_true(touched(c, "src/a.c", 3, 1));
    assert_false(touched(c, "src/a.c", 5, 1));
    assert_false(ecg_git_changes_touch(NULL, TOP "/src/a.c", 3, 3));
    ecg_git_changes_free(c);
    ecg_git_changes_free(NULL);
}

static void test_git_parse_counts_default_to_one_and_zero_marks_nothing(void **state)
{
    struct ecg_changes *c = parse_ok(TOP, "+++ b/only_removed.c\n"
                                          "@@ -5 +4,0 @@\n"
                                          "-gone\n"
                                          "@@ -9,2 +7,0 @@\n"
                                          "-x\n-y\n"
                                          "+++ b/one.c\n"
                                          "@@ -8,0 +8 @@\n"
                                          "+added\n"
                                          "@@ -20 +21 @@\n"
                                          "-was\n"
                                          "+is\n");
    (void)state;

    assert_false(touched(c, "only_removed.c", 1, 1000));
    assert_false(touched(c, "one.c", 7, 7));
    assert_true(touched(c, "one.c", 8, 8));
    assert_false(touched(c, "one.c", 9, 20));
    assert_true(touched(c, "one.c", 21, 21));
    assert_false(touched(c, "one.c", 22, 22));
    ecg_git_changes_free(c);
}

static void test_git_parse_new_and_deleted_files(void **state)
{
    struct ecg_changes *c = parse_ok(TOP, "diff --git a/gone.c b/gone.c\n"
                                          "deleted file mode 100644\n"
                                          "index abc1234..0000000\n"
                                          "--- a/gone.c\n"
                                          "+++ /dev/null\n"
                                          "@@ -1,2 +0,0 @@\n"
                                          "-x\n-y\n"
                                          "diff --git a/new.c b/new.c\n"
                                          "new file mode 100644\n"
                                          "index 0000000..abc1234\n"
                                          "--- /dev/null\n"
                                          "+++ b/new.c\n"
                                          "@@ -0,0 +1,3 @@\n"
                                          "+1\n+2\n+3\n");
    (void)state;

    assert_false(touched(c, "gone.c", 1, 1000));
    assert_false(touched(c, "dev/null", 1, 1000));
    assert_true(touched(c, "new.c", 1, 1));
    assert_true(touched(c, "new.c", 3, 3));
    assert_false(touched(c, "new.c", 4, 4));
    ecg_git_changes_free(c);
}

static void test_git_parse_quoted_paths(void **state)
{
    struct ecg_changes *c =
        parse_ok(TOP, "diff --git \"a/dir/tab\\there.c\" \"b/dir/tab\\there.c\"\n"
                      "--- \"a/dir/tab\\there.c\"\n"
                      "+++ \"b/dir/tab\\there.c\"\n"
                      "@@ -1 +1 @@\n-a\n+b\n"
                      "diff --git a/with space.c b/with space.c\n"
                      "--- a/with space.c\t\n"
                      "+++ b/with space.c\t\n"
                      "@@ -2 +2 @@\n-a\n+b\n"
                      "+++ \"b/q\\\"uote\\\\d \\303\\251\\n.c\"\t\n"
                      "@@ -3 +3 @@\n-a\n+b\n");
    (void)state;

    assert_true(touched(c, "dir/tab\there.c", 1, 1));
    assert_false(touched(c, "dir/tab\\there.c", 1, 1));
    assert_true(touched(c, "with space.c", 2, 2));
    assert_false(touched(c, "with space.c\t", 2, 2));
    assert_true(touched(c, "q\"uote\\d \xc3\xa9\n.c", 3, 3));
    ecg_git_changes_free(c);
}

static void test_git_parse_binary_files_mark_nothing(void **state)
{
    struct ecg_changes *c = parse_ok(TOP, "diff --git a/a.c b/a.c\n"
                                          "--- a/a.c\n"
                                          "+++ b/a.c\n"
                                          "@@ -1 +1 @@\n-a\n+b\n"
                                          "diff --git a/img.png b/img.png\n"
                                          "index 1111111..2222222 100644\n"
                                          "Binary files a/img.png and b/img.png differ\n"
                                          "diff --git a/new.bin b/new.bin\n"
                                          "new file mode 100644\n"
                                          "index 0000000..3333333\n"
                                          "Binary files /dev/null and b/new.bin differ\n");
    (void)state;

    assert_true(touched(c, "a.c", 1, 1));
    assert_false(touched(c, "a.c", 2, 1000));
    assert_false(touched(c, "img.png", 1, 1000));
    assert_false(touched(c, "new.bin", 1, 1000));
    ecg_git_changes_free(c);
}

static void test_git_parse_no_newline_markers(void **state)
{
    /* The last line has no newline either: the reader must not need one. */
    struct ecg_changes *c = parse_ok(TOP, "+++ b/a.c\n"
                                          "@@ -3 +3,2 @@\n"
                                          "-last\n"
                                          "\\ No newline at end of file\n"
                                          "+last\n"
                                          "+more\n"
                                          "\\ No newline at end of file\n"
                                          "diff --git a/b.c b/b.c\n"
                                          "+++ b/b.c\n"
                                          "@@ -1 +1 @@\n"
                                          "-x\n"
                                          "+z");
    (void)state;

    assert_false(touched(c, "a.c", 2, 2));
    assert_true(touched(c, "a.c", 3, 3));
    assert_true(touched(c, "a.c", 4, 4));
    assert_false(touched(c, "a.c", 5, 5));
    assert_true(touched(c, "b.c", 1, 1));
    ecg_git_changes_free(c);
}

static void test_git_parse_hunk_lines_that_look_like_headers(void **state)
{
    /* Removed "-- a/evil.c" and "@@ ...", added "++ b/evil.c", "@@ ..." and "diff --git". */
    struct ecg_changes *c = parse_ok(TOP, "+++ b/a.c\n"
                                          "@@ -1,2 +1,3 @@\n"
                                          "--- a/evil.c\n"
                                          "-@@ -1 +1 @@\n"
                                          "+++ b/evil.c\n"
                                          "+@@ -9 +9 @@\n"
                                          "+diff --git a/x b/x\n");
    (void)state;

    assert_true(touched(c, "a.c", 1, 1));
    assert_true(touched(c, "a.c", 3, 3));
    assert_false(touched(c, "a.c", 4, 4));
    assert_false(touched(c, "evil.c", 1, 1000));
    assert_false(touched(c, "x", 1, 1000));
    ecg_git_changes_free(c);
}

static void test_git_parse_context_lines_are_not_changes(void **state)
{
    /* GIT_DIFF_OPTS can force context into a diff; an empty context line may lose its space. */
    struct ecg_changes *c = parse_ok(TOP, "+++ b/a.c\n"
                                          "@@ -1,3 +1,3 @@\n"
                                          " keep\n"
                                          "-old\n"
                                          "+new\n"
                                          " keep\n"
                                          "@@ -10,3 +10,4 @@\n"
                                          "\n"
                                          "+inserted\n"
                                          " keep\n"
                                          " keep\n");
    (void)state;

    assert_false(touched(c, "a.c", 1, 1));
    assert_true(touched(c, "a.c", 2, 2));
    assert_false(touched(c, "a.c", 3, 10));
    assert_true(touched(c, "a.c", 11, 11));
    assert_false(touched(c, "a.c", 12, 13));
    ecg_git_changes_free(c);
}

static void test_git_parse_merges_repeated_files_and_ranges(void **state)
{
    struct ecg_changes *c = parse_ok(TOP, "+++ b/a.c\n"
                                          "@@ -5 +5 @@\n-a\n+b\n"
                                          "+++ b/z.c\n"
                                          "@@ -1 +1 @@\n-a\n+b\n"
                                          "+++ b/a.c\n"
                                          "@@ -1 +1,4 @@\n-a\n+1\n+2\n+3\n+4\n"
                                          "@@ -7 +7,2 @@\n-a\n+1\n+2\n");
    struct ecg_changes *empty = parse_ok(TOP, "");
    (void)state;

    assert_true(touched(c, "a.c", 1, 1));
    assert_true(touched(c, "a.c", 5, 5));
    assert_false(touched(c, "a.c", 6, 6));
    assert_true(touched(c, "a.c", 6, 7));
    assert_true(touched(c, "a.c", 8, 8));
    assert_false(touched(c, "a.c", 9, 9));
    assert_true(touched(c, "z.c", 1, 1));
    assert_false(touched(empty, "a.c", 1, UINT_MAX));
    ecg_git_changes_free(c);
    ecg_git_changes_free(empty);
}

static void test_git_parse_top_spellings(void **state)
{
    struct ecg_changes *root = parse_ok("/", "+++ b/etc/x.c\n@@ -1 +1 @@\n-a\n+b\n");
    struct ecg_changes *slash = parse_ok(TOP "/", "+++ b/x.c\n@@ -1 +1 @@\n-a\n+b\n");
    (void)state;

    assert_true(ecg_git_changes_touch(root, "/etc/x.c", 1, 1));
    assert_false(ecg_git_changes_touch(root, "/etc/y.c", 1, 1));
    assert_true(ecg_git_changes_touch(slash, TOP "/x.c", 1, 1));
    ecg_git_changes_free(root);
    ecg_git_changes_free(slash);
}

static void test_git_parse_malformed_hunk_headers(void **state)
{
    (void)state;
    parse_fails("+++ b/a.c\n@@ -1,x +1 @@\n-a\n+b\n", 2, 7, "malformed hunk header");
    parse_fails("+++ b/a.c\n@@ -1 +1\n", 2, 9, "malformed hunk header");
    parse_fails("+++ b/a.c\n@@ +1 -1 @@\n", 2, 1, "malformed hunk header");
    parse_fails("+++ b/a.c\n@@ -1 +1,2,3 @@\n", 2, 11, "malformed hunk header");
    parse_fails("+++ b/a.c\n@@ -1 +99999999999 @@\n", 2, 8, "malformed hunk header");
    parse_fails("+++ b/a.c\n@@@ -1 -1 +1 @@@\n", 2, 1, "malformed hunk header");
    parse_fails("+++ b/a.c\n@@ -1 +0,2 @@\n", 2, 1, "impossible line numbers");
    parse_fails("+++ b/a.c\n@@ -1 +4294967295,2 @@\n", 2, 1, "impossible line numbers");
    parse_fails("@@ -1 +1 @@\n-a\n+b\n", 1, 1, "before a '+++' line");
    parse_fails("+++ b/a.c\n@@ -1 +1 @@\n-a\n+b\n"
                "diff --git a/x b/x\n"
                "Binary files a/x and b/x differ\n"
                "@@ -1 +1 @@\n",
                7, 1, "before a '+++' line");
}

static void test_git_parse_malformed_bodies_and_names(void **state)
{
    (void)state;
    parse_fails("+++ b/a.c\n@@ -1,2 +1 @@\n-a\n+b\n", 5, 1, "ends inside a hunk");
    parse_fails("+++ b/a.c\n@@ -1 +1 @@\n-a\ndiff --git a/b b/b\n", 4, 1, "expected a hunk line");
    parse_fails("+++ b/a.c\n@@ -1 +1 @@\n-a\n-b\n", 4, 1, "more old lines");
    parse_fails("+++ b/a.c\n@@ -1 +1,0 @@\n+b\n", 3, 1, "more new lines");
    parse_fails("+++ \"b/unterminated\n", 1, 0, "malformed quoted path");
    parse_fails("+++ \"b/bad\\qescape\"\n", 1, 11, "malformed quoted path");
    parse_fails("+++ \"b/nul\\000\"\n", 1, 11, "malformed quoted path");
    parse_fails("+++ \"b/big\\400\"\n", 1, 11, "malformed quoted path");
    parse_fails("+++ \"b/x\" trailing\n", 1, 0, "malformed quoted path");
    parse_fails("+++ a.c\n", 1, 5, "expected 'b/'");
    parse_fails("+++ b/\n", 1, 5, "expected 'b/'");
}

/* ---- real repositories ---------------------------------------------------------------- */

struct repo_fixture {
    char root[PATH_MAX]; /* scratch directory, removed afterwards */
    char repo[PATH_MAX]; /* root/repo, an empty repository */
};

static char *git_ok(const char *dir, const char *const *args)
{
    struct ecg_diag diag;
    char *out = NULL;
    size_t len = 0;

    ecg_diag_clear(&diag);
    if (ecg_git_run(&out, &len, dir, args, &diag) != 0)
        fail_msg("git %s failed: %s", args[0], diag.message);
    assert_int_equal(strlen(out), len);
    return out;
}

static void git_quiet(const char *dir, const char *const *args)
{
    free(git_ok(dir, args));
}

static void commit_all(const char *repo, const char *message)
{
    git_quiet(repo, (const char *const[]){ "add", "-A", NULL });
    git_quiet(repo, (const char *const[]){ "-c", "user.name=t", "-c", "user.email=t@e", "-c",
                                           "commit.gpgsign=false", "commit", "-q", "--no-verify",
                                           "-m", message, NULL });
}

static int repo_setup(void **state)
{
    struct repo_fixture *f = calloc(1, sizeof(*f));
    char *out = NULL;
    size_t len;
    int n;

    if (f == NULL || testkit_tmpdir(f->root, sizeof(f->root), "git") != 0)
        return -1;
    n = snprintf(f->repo, sizeof(f->repo), "%s/repo", f->root);
    if (n < 0 || (size_t)n >= sizeof(f->repo) || mkdir(f->repo, 0777) != 0)
        return -1;
    *state = f;
    if (ecg_git_run(&out, &len, f->repo, (const char *const[]){ "init", "-q", NULL }, NULL) != 0)
        return 0; /* no git here: the tests skip */
    free(out);
    return 0;
}

static int repo_teardown(void **state)
{
    struct repo_fixture *f = *state;
    int rc = testkit_remove_tree(f->root);

    free(f);
    return rc;
}

static struct repo_fixture *repo_or_skip(void **state)
{
    struct repo_fixture *f = *state;
    char path[PATH_MAX];
    struct stat st;

    if (stat(testkit_path(path, sizeof(path), "%s/.git", f->repo), &st) != 0)
        skip();
    return f;
}

static void test_git_run_captures_stdout_with_stdin_closed(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char *out = git_ok(NULL, (const char *const[]){ "--version", NULL });

    assert_true(strncmp(out, "git version ", 12) == 0);
    free(out);
    /* stdin is /dev/null: hashing it gives the empty blob, and nothing waits for input. */
    out = git_ok(f->repo, (const char *const[]){ "hash-object", "--stdin", NULL });
    assert_string_equal(out, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391\n");
    free(out);
}

static void test_git_run_reports_failure(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char *sentinel = (char *)&sentinel;
    char *out = sentinel;
    size_t len = 7;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    assert_int_equal(
        ecg_git_run(&out, &len, f->repo,
                    (const char *const[]){ "rev-parse", "--verify", "no-such-ref", NULL }, &diag),
        ECG_EIO);
    assert_ptr_equal(out, sentinel);
    assert_int_equal(len, 7);
    assert_string_equal(diag.path, f->repo);
    assert_string_equal(diag.message,
                        "git rev-parse --verify no-such-ref: fatal: Needed a single revision");
    /* Without a "fatal:" line, the first line that says anything; else the status. */
    assert_int_equal(
        ecg_git_run(&out, &len, f->repo,
                    (const char *const[]){
                        "-c", "alias.w=!printf '\\nfirst\\nsecond\\n' >&2; exit 3", "w", NULL },
                    &diag),
        ECG_EIO);
    assert_string_equal(diag.message, "git -c alias.w=!printf '\\nfirst\\nsecond\\n' >&2; "
                                      "exit 3 w: first");
    assert_int_equal(ecg_git_run(&out, &len, f->repo,
                                 (const char *const[]){ "-c", "alias.q=!exit 4", "q", NULL },
                                 &diag),
                     ECG_EIO);
    assert_string_equal(diag.message, "git -c alias.q=!exit 4 q: exit status 4");
}

static void test_git_run_sets_child_environment(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char *out;

    assert_int_equal(setenv("LC_ALL", "xx_YY.UTF-8", 1), 0);
    assert_int_equal(setenv("GIT_TERMINAL_PROMPT", "1", 1), 0);
    out =
        git_ok(f->repo, (const char *const[]){
                            "-c", "alias.env=!printenv LC_ALL GIT_TERMINAL_PROMPT", "env", NULL });
    unsetenv("LC_ALL");
    unsetenv("GIT_TERMINAL_PROMPT");
    assert_string_equal(out, "C\n0\n");
    free(out);
}

static void test_git_run_drains_large_stdout_and_stderr(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    size_t size = 300 * 1024;
    char *big = malloc(size + 1);
    char path[PATH_MAX];
    char *out;

    assert_non_null(big);
    for (size_t i = 0; i < size; i++)
        big[i] = i % 64 == 63 ? '\n' : (char)('a' + i % 26);
    big[size] = '\0';
    testkit_write_in(path, sizeof(path), f->repo, "big.txt", big);
    /* Both pipes overflow: reading one to its end before the other would never finish. */
    out = git_ok(f->repo, (const char *const[]){ "-c", "alias.both=!cat big.txt >&2 && cat big.txt",
                                                 "both", NULL });
    assert_int_equal(strlen(out), size);
    assert_true(memcmp(out, big, size) == 0);
    free(out);
    free(big);
}

static void test_git_run_without_git_installed(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char *saved = strdup(getenv("PATH") != NULL ? getenv("PATH") : "");
    char *out = NULL;
    char *head = (char *)&head;
    struct ecg_diag diag;
    int rc;
    int head_rc;

    assert_non_null(saved);
    ecg_diag_clear(&diag);
    assert_int_equal(setenv("PATH", f->root, 1), 0);
    rc = ecg_git_run(&out, NULL, f->repo, (const char *const[]){ "--version", NULL }, &diag);
    head_rc = ecg_git_head(&head, f->repo);
    assert_int_equal(setenv("PATH", saved, 1), 0);
    free(saved);
    assert_int_equal(rc, ECG_EIO);
    assert_null(out);
    assert_string_equal(diag.message, "git is not installed");
    assert_int_equal(head_rc, 0);
    assert_null(head);
}

static void test_git_head(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char *head = (char *)&head;
    char *expected;
    char sub[PATH_MAX];

    /* No commit yet. */
    assert_int_equal(ecg_git_head(&head, f->repo), 0);
    assert_null(head);
    testkit_make_dirs(testkit_path(sub, sizeof(sub), "%s/sub", f->repo));
    testkit_write_in(sub, sizeof(sub), f->repo, "sub/a.c", "int a;\n");
    commit_all(f->repo, "one");
    expected = git_ok(f->repo, (const char *const[]){ "rev-parse", "HEAD", NULL });
    expected[strcspn(expected, "\n")] = '\0';
    assert_int_equal(ecg_git_head(&head, testkit_path(sub, sizeof(sub), "%s/sub", f->repo)), 0);
    assert_non_null(head);
    assert_int_equal(strlen(head), 40);
    assert_int_equal(strspn(head, "0123456789abcdef"), 40);
    assert_string_equal(head, expected);
    free(head);
    free(expected);
    /* Not in a repository, or no such directory. */
    assert_int_equal(ecg_git_head(&head, f->root), 0);
    assert_null(head);
    head = (char *)&head;
    assert_int_equal(ecg_git_head(&head, testkit_path(sub, sizeof(sub), "%s/none", f->root)), 0);
    assert_null(head);
}

static const char ten_lines[] = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";

/* a.c: line 3 changed, a line inserted as 8, the last one removed; sub/b.c unchanged. */
static void make_history(const struct repo_fixture *f)
{
    char path[PATH_MAX];

    testkit_make_dirs(testkit_path(path, sizeof(path), "%s/sub", f->repo));
    testkit_write_in(path, sizeof(path), f->repo, "a.c", ten_lines);
    testkit_write_in(path, sizeof(path), f->repo, "sub/b.c", "b1\nb2\nb3\n");
    testkit_write_in(path, sizeof(path), f->repo, ".gitignore", "*.o\n");
    commit_all(f->repo, "one");
    testkit_write_in(path, sizeof(path), f->repo, "a.c",
                     "l1\nl2\nL3\nl4\nl5\nl6\nl7\nnew\nl8\nl9\n");
}

static struct ecg_changes *changes_ok(const char *dir, const char *rev)
{
    struct ecg_changes *changes = NULL;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    if (ecg_git_changes(&changes, dir, rev, &diag) != 0)
        fail_msg("changes since %s failed: %s", rev, diag.message);
    assert_non_null(changes);
    return changes;
}

static int touched_in(const struct ecg_changes *c, const char *dir, const char *rel, unsigned line,
                      unsigned end_line)
{
    char path[PATH_MAX];

    testkit_path(path, sizeof(path), "%s/%s", dir, rel);
    return ecg_git_changes_touch(c, path, line, end_line);
}

static void test_git_changes_in_working_tree(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char path[PATH_MAX];
    struct ecg_changes *c;

    make_history(f);
    testkit_write_in(path, sizeof(path), f->repo, "new.c", "int n;\n");
    testkit_write_in(path, sizeof(path), f->repo, "sub/sp ace.c", "int s;\n");
    testkit_write_in(path, sizeof(path), f->repo, "sub/x.o", "obj\n");
    testkit_write_in(path, sizeof(path), f->repo, "staged.c", "s1\ns2\n");
    git_quiet(f->repo, (const char *const[]){ "add", "staged.c", NULL });
    /* From a subdirectory: the whole work tree still counts. */
    c = changes_ok(testkit_path(path, sizeof(path), "%s/sub", f->repo), "HEAD");
    assert_false(touched_in(c, f->repo, "a.c", 1, 2));
    assert_true(touched_in(c, f->repo, "a.c", 3, 3));
    assert_false(touched_in(c, f->repo, "a.c", 4, 7));
    assert_true(touched_in(c, f->repo, "a.c", 8, 8));
    assert_false(touched_in(c, f->repo, "a.c", 9, 10));
    assert_true(touched_in(c, f->repo, "new.c", 1, 1));
    assert_true(touched_in(c, f->repo, "new.c", 5000, 6000));
    assert_true(touched_in(c, f->repo, "sub/sp ace.c", 1, 1));
    assert_true(touched_in(c, f->repo, "staged.c", 2, 2));
    assert_false(touched_in(c, f->repo, "staged.c", 3, 3));
    assert_false(touched_in(c, f->repo, "sub/b.c", 1, 3));
    assert_false(touched_in(c, f->repo, "sub/x.o", 1, 1));
    assert_false(touched_in(c, f->repo, ".gitignore", 1, 1));
    ecg_git_changes_free(c);
}

static void test_git_changes_since_older_revision(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    struct ecg_changes *c;

    make_history(f);
    commit_all(f->repo, "two");
    c = changes_ok(f->repo, "HEAD");
    assert_false(touched_in(c, f->repo, "a.c", 1, 100));
    ecg_git_changes_free(c);
    c = changes_ok(f->repo, "HEAD~1");
    assert_true(touched_in(c, f->repo, "a.c", 3, 3));
    assert_true(touched_in(c, f->repo, "a.c", 8, 8));
    assert_false(touched_in(c, f->repo, "a.c", 4, 7));
    ecg_git_changes_free(c);
}

static void changes_fail(const char *dir, const char *rev, const char *message)
{
    struct ecg_changes *sentinel = (struct ecg_changes *)&sentinel;
    struct ecg_changes *changes = sentinel;
    struct ecg_diag diag;

    ecg_diag_clear(&diag);
    assert_int_equal(ecg_git_changes(&changes, dir, rev, &diag), ECG_EIO);
    assert_ptr_equal(changes, sentinel);
    if (strstr(diag.message, message) == NULL)
        fail_msg("message '%s' lacks '%s'", diag.message, message);
}

static void test_git_changes_errors(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char path[PATH_MAX];
    struct stat st;

    make_history(f);
    changes_fail(f->root, "HEAD", "not a git repository");
    changes_fail(f->repo, "no-such-rev", "fatal: bad revision 'no-such-rev'");
    changes_fail(f->repo, "", "is not a git revision");
    /* An option in place of the revision never reaches git. */
    changes_fail(f->repo, "--output=out.txt", "'--output=out.txt' is not a git revision");
    assert_int_not_equal(stat(testkit_path(path, sizeof(path), "%s/out.txt", f->repo), &st), 0);
}

static void test_git_changes_ignore_user_settings(void **state)
{
    static const char *const settings[][2] = {
        { "diff.noprefix", "true" },  { "diff.mnemonicPrefix", "true" },
        { "color.ui", "always" },     { "color.diff", "always" },
        { "core.quotePath", "true" }, { "diff.relative", "true" },
        { "diff.external", "false" }, { "diff.renames", "true" },
    };
    struct repo_fixture *f = repo_or_skip(state);
    char path[PATH_MAX];
    struct ecg_changes *c;

    make_history(f);
    testkit_write_in(path, sizeof(path), f->repo, "sub/\xc3\xa9t\xc3\xa9.c", "e1\n");
    testkit_write_in(path, sizeof(path), f->repo, "sub/t\tab.c", "t1\n");
    commit_all(f->repo, "two");
    for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
        git_quiet(f->repo, (const char *const[]){ "config", settings[i][0], settings[i][1], NULL });
    testkit_write_in(path, sizeof(path), f->repo, "sub/\xc3\xa9t\xc3\xa9.c", "e1\ne2\n");
    testkit_write_in(path, sizeof(path), f->repo, "sub/t\tab.c", "T1\n");
    git_quiet(f->repo, (const char *const[]){ "mv", "sub/b.c", "sub/moved.c", NULL });
    testkit_write_in(path, sizeof(path), f->repo, "a.c",
                     "X1\nl2\nL3\nl4\nl5\nl6\nl7\nnew\nl8\nl9\n");
    assert_int_equal(setenv("GIT_DIFF_OPTS", "--unified=5", 1), 0);
    c = changes_ok(testkit_path(path, sizeof(path), "%s/sub", f->repo), "HEAD");
    unsetenv("GIT_DIFF_OPTS");
    assert_false(touched_in(c, f->repo, "sub/\xc3\xa9t\xc3\xa9.c", 1, 1));
    assert_true(touched_in(c, f->repo, "sub/\xc3\xa9t\xc3\xa9.c", 2, 2));
    assert_true(touched_in(c, f->repo, "sub/t\tab.c", 1, 1));
    assert_true(touched_in(c, f->repo, "sub/moved.c", 1, 3));
    assert_false(touched_in(c, f->repo, "sub/b.c", 1, 3));
    assert_true(touched_in(c, f->repo, "a.c", 1, 1));
    assert_false(touched_in(c, f->repo, "a.c", 2, 10));
    ecg_git_changes_free(c);
}

static void test_git_changes_through_a_symlink(void **state)
{
    struct repo_fixture *f = repo_or_skip(state);
    char link[PATH_MAX];
    char *real;
    struct ecg_changes *c;

    make_history(f);
    testkit_path(link, sizeof(link), "%s/link", f->root);
    assert_int_equal(symlink(f->repo, link), 0);
    real = realpath(f->repo, NULL);
    assert_non_null(real);
    c = changes_ok(link, "HEAD");
    assert_true(touched_in(c, link, "a.c", 3, 3));
    assert_true(touched_in(c, real, "a.c", 3, 3));
    assert_false(touched_in(c, link, "a.c", 4, 4));
    ecg_git_changes_free(c);
    free(real);
}

/* No repository above the scratch directories, and no user or system configuration. */
static void isolate_git(void)
{
    static const char *const unset[] = {
        "GIT_DIR",           "GIT_WORK_TREE",        "GIT_INDEX_FILE",
        "GIT_COMMON_DIR",    "GIT_OBJECT_DIRECTORY", "GIT_DIFF_OPTS",
        "GIT_EXTERNAL_DIFF", "GIT_CONFIG_PARAMETERS"
    };

    for (size_t i = 0; i < sizeof(unset) / sizeof(unset[0]); i++)
        unsetenv(unset[i]);
    setenv("GIT_CEILING_DIRECTORIES", ECG_TEST_TMPDIR, 1);
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    setenv("HOME", ECG_TEST_TMPDIR, 1);
    setenv("XDG_CONFIG_HOME", ECG_TEST_TMPDIR, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_git_parse_files_and_hunks),
        cmocka_unit_test(test_git_parse_counts_default_to_one_and_zero_marks_nothing),
        cmocka_unit_test(test_git_parse_new_and_deleted_files),
        cmocka_unit_test(test_git_parse_quoted_paths),
        cmocka_unit_test(test_git_parse_binary_files_mark_nothing),
        cmocka_unit_test(test_git_parse_no_newline_markers),
        cmocka_unit_test(test_git_parse_hunk_lines_that_look_like_headers),
        cmocka_unit_test(test_git_parse_context_lines_are_not_changes),
        cmocka_unit_test(test_git_parse_merges_repeated_files_and_ranges),
        cmocka_unit_test(test_git_parse_top_spellings),
        cmocka_unit_test(test_git_parse_malformed_hunk_headers),
        cmocka_unit_test(test_git_parse_malformed_bodies_and_names),
        cmocka_unit_test_setup_teardown(test_git_run_captures_stdout_with_stdin_closed, repo_setup,
                                        repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_run_reports_failure, repo_setup, repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_run_sets_child_environment, repo_setup,
                                        repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_run_drains_large_stdout_and_stderr, repo_setup,
                                        repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_run_without_git_installed, repo_setup,
                                        repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_head, repo_setup, repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_changes_in_working_tree, repo_setup,
                                        repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_changes_since_older_revision, repo_setup,
                                        repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_changes_errors, repo_setup, repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_changes_ignore_user_settings, repo_setup,
                                        repo_teardown),
        cmocka_unit_test_setup_teardown(test_git_changes_through_a_symlink, repo_setup,
                                        repo_teardown),
    };

    isolate_git();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
