/* git as a child process (posix_spawnp of "git -C dir ...": no shell, and no chdir of ours,
 * since ecg is multithreaded): HEAD for the run history, and the diff and untracked files
 * behind --changed-since. The changed lines themselves are kept by git_changes.c. */
#include "analyzer/git.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/git_int.h"
#include "analyzer/path.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define GIT_STDERR_MAX 4096 /* bytes of git's stderr kept for the diagnostic */
#define GIT_READ_CHUNK 65536
#define GIT_SHOWN_MAX 512 /* bytes of the command line quoted in a diagnostic */

extern char **environ;

/* Variables the child gets from us whatever ecg's environment says: no credential prompt
 * on a terminal, messages in English, no index refresh that could race the user's own git,
 * and no GIT_DIFF_OPTS (it overrides -U0). */
static const char *const child_env_dropped[] = { "GIT_TERMINAL_PROMPT=", "LC_ALL=",
                                                 "GIT_OPTIONAL_LOCKS=", "GIT_DIFF_OPTS=" };
static const char *const child_env_added[] = { "GIT_TERMINAL_PROMPT=0", "LC_ALL=C",
                                               "GIT_OPTIONAL_LOCKS=0" };

struct git_output {
    char *out; /* owned; stdout so far, NUL-terminated */
    size_t len;
    size_t cap;
    char err[GIT_STDERR_MAX + 1]; /* the first GIT_STDERR_MAX bytes of stderr */
    size_t err_len;
};

struct git_child {
    pid_t pid;
    int out_fd; /* read end of the child's stdout; -1 once at end of file */
    int err_fd; /* read end of the child's stderr; -1 once at end of file */
};

/* ---- running git ---------------------------------------------------------------------- */

static int env_dropped(const char *entry)
{
    for (size_t i = 0; i < ARRAY_LEN(child_env_dropped); i++) {
        const char *name = child_env_dropped[i];
        if (strncmp(entry, name, strlen(name)) == 0)
            return 1;
    }
    return 0;
}

static int build_env(struct ecg_strvec *env)
{
    int rc = 0;

    for (char **e = environ; e != NULL && *e != NULL && rc == 0; e++) {
        if (!env_dropped(*e))
            rc = ecg_strvec_push(env, *e);
    }
    for (size_t i = 0; i < ARRAY_LEN(child_env_added) && rc == 0; i++)
        rc = ecg_strvec_push(env, child_env_added[i]);
    return rc;
}

static int build_argv(struct ecg_strvec *argv, const char *dir, const char *const *args)
{
    int rc = ecg_strvec_push(argv, "git");

    if (rc == 0 && dir != NULL)
        rc = ecg_strvec_push(argv, "-C");
    if (rc == 0 && dir != NULL)
        rc = ecg_strvec_push(argv, dir);
    for (size_t i = 0; args[i] != NULL && rc == 0; i++)
        rc = ecg_strvec_push(argv, args[i]);
    return rc;
}

/* Moves fd above the standard descriptors with close-on-exec set, so the child's dup2
 * onto 1 and 2 never meets itself; returns the new descriptor or -1 (fd is closed). */
static int fd_private(int fd)
{
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    int saved = errno;

    close(fd);
    errno = saved;
    return moved;
}

static void fd_close(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* A pipe whose ends are close-on-exec and above 2; returns 0 or an errno value. */
static int pipe_private(int fds[2])
{
    int err = 0;

    if (pipe(fds) != 0)
        return errno;
    fds[0] = fd_private(fds[0]);
    if (fds[0] < 0)
        err = errno;
    fds[1] = fd_private(fds[1]);
    if (fds[1] < 0)
        err = errno;
    if (fds[0] >= 0 && fds[1] >= 0)
        return 0;
    fd_close(&fds[0]);
    fd_close(&fds[1]);
    return err;
}

static int spawn_setup(posix_spawn_file_actions_t *actions, posix_spawnattr_t *attr, int out_w,
                       int err_w)
{
    sigset_t none;
    sigset_t dfl;
    int err = posix_spawn_file_actions_addopen(actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

    if (err == 0)
        err = posix_spawn_file_actions_adddup2(actions, out_w, STDOUT_FILENO);
    if (err == 0)
        err = posix_spawn_file_actions_adddup2(actions, err_w, STDERR_FILENO);
    /* Worker threads may block signals; git must start with none blocked and SIGPIPE on. */
    sigemptyset(&none);
    sigemptyset(&dfl);
    sigaddset(&dfl, SIGPIPE);
    if (err == 0)
        err = posix_spawnattr_setsigmask(attr, &none);
    if (err == 0)
        err = posix_spawnattr_setsigdefault(attr, &dfl);
    if (err == 0)
        err = posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    return err;
}

static int spawn_git(pid_t *pid, char *const argv[], char *const envp[], int out_w, int err_w)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    int err = posix_spawn_file_actions_init(&actions);

    if (err != 0)
        return err;
    err = posix_spawnattr_init(&attr);
    if (err != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return err;
    }
    err = spawn_setup(&actions, &attr, out_w, err_w);
    if (err == 0)
        err = posix_spawnp(pid, "git", &actions, &attr, argv, envp);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return err;
}

/* Starts git with its output on two pipes; returns 0 or an errno value. */
static int child_start(struct git_child *child, char *const argv[], char *const envp[])
{
    int out_pipe[2];
    int err_pipe[2];
    int err = pipe_private(out_pipe);

    if (err != 0)
        return err;
    err = pipe_private(err_pipe);
    if (err != 0) {
        fd_close(&out_pipe[0]);
        fd_close(&out_pipe[1]);
        return err;
    }
    err = spawn_git(&child->pid, argv, envp, out_pipe[1], err_pipe[1]);
    fd_close(&out_pipe[1]);
    fd_close(&err_pipe[1]);
    if (err != 0) {
        fd_close(&out_pipe[0]);
        fd_close(&err_pipe[0]);
        return err;
    }
    child->out_fd = out_pipe[0];
    child->err_fd = err_pipe[0];
    return 0;
}

static int output_reserve(struct git_output *o, size_t room)
{
    size_t cap = o->cap != 0 ? o->cap : GIT_READ_CHUNK;
    char *grown;

    if (o->cap - o->len > room)
        return 0;
    while (cap - o->len <= room) {
        if (cap > SIZE_MAX / 2)
            return ECG_ENOMEM;
        cap *= 2;
    }
    grown = realloc(o->out, cap);
    if (grown == NULL)
        return ECG_ENOMEM;
    grown[o->len] = '\0';
    o->out = grown;
    o->cap = cap;
    return 0;
}

/* Reads what stdout has; returns 0, ECG_ENOMEM or ECG_EIO (errno says why). */
static int read_stdout(struct git_output *o, int *fd)
{
    ssize_t n;
    int rc = output_reserve(o, GIT_READ_CHUNK);

    if (rc != 0)
        return rc;
    n = read(*fd, o->out + o->len, GIT_READ_CHUNK);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : ECG_EIO;
    if (n == 0)
        fd_close(fd);
    o->len += (size_t)n;
    o->out[o->len] = '\0';
    return 0;
}

/* Reads what stderr has, keeping only its beginning; returns 0 or ECG_EIO. */
static int read_stderr(struct git_output *o, int *fd)
{
    char chunk[4096];
    ssize_t n = read(*fd, chunk, sizeof(chunk));
    size_t keep;

    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : ECG_EIO;
    if (n == 0)
        fd_close(fd);
    keep = GIT_STDERR_MAX - o->err_len;
    if (keep > (size_t)n)
        keep = (size_t)n;
    memcpy(o->err + o->err_len, chunk, keep);
    o->err_len += keep;
    o->err[o->err_len] = '\0';
    return 0;
}

/* Waits until a pipe has data or is closed, then reads it (a closed descriptor, -1, is
 * left out of poll). Returns 0, ECG_ENOMEM or ECG_EIO (errno says why). */
static int child_read_some(struct git_output *o, struct git_child *child)
{
    struct pollfd fds[2] = { { child->out_fd, POLLIN, 0 }, { child->err_fd, POLLIN, 0 } };
    int rc = 0;

    if (poll(fds, 2, -1) < 0)
        return errno == EINTR ? 0 : ECG_EIO;
    if (fds[0].revents != 0)
        rc = read_stdout(o, &child->out_fd);
    if (rc == 0 && fds[1].revents != 0)
        rc = read_stderr(o, &child->err_fd);
    return rc;
}

/* Reads both pipes to their end, whichever git fills first, so neither can block it. */
static int child_drain(struct git_output *o, struct git_child *child, struct ecg_diag *diag)
{
    int rc = 0;

    while (rc == 0 && (child->out_fd >= 0 || child->err_fd >= 0))
        rc = child_read_some(o, child);
    if (rc == ECG_EIO)
        ecg_diag_set(diag, NULL, 0, 0, "reading from git: %s", strerror(errno));
    return rc;
}

static int child_wait(pid_t pid, int *status)
{
    while (waitpid(pid, status, 0) < 0) {
        if (errno != EINTR)
            return errno;
    }
    return 0;
}

/* Runs git to its end, collecting its output; *status is what waitpid reports. */
static int git_collect(struct git_output *o, int *status, const struct ecg_strvec *argv,
                       const struct ecg_strvec *envp, struct ecg_diag *diag)
{
    struct git_child child;
    int err = child_start(&child, argv->items, envp->items);
    int rc;

    if (err == ENOENT) {
        ecg_diag_set(diag, NULL, 0, 0, "git is not installed");
        return ECG_EIO;
    }
    if (err != 0) {
        ecg_diag_set(diag, NULL, 0, 0, "cannot run git: %s", strerror(err));
        return ECG_EIO;
    }
    /* An early failure closes the pipes first: git then ends on SIGPIPE and is reaped. */
    rc = child_drain(o, &child, diag);
    fd_close(&child.out_fd);
    fd_close(&child.err_fd);
    err = child_wait(child.pid, status);
    if (err != 0 && rc == 0) {
        ecg_diag_set(diag, NULL, 0, 0, "waiting for git: %s", strerror(err));
        rc = ECG_EIO;
    }
    return rc;
}

/* The line of git's stderr that says why: the first "fatal:" or "error:" line, else the
 * first line that is not empty. *len is its length; NULL when stderr was empty. */
static const char *failure_line(const char *err, size_t *len)
{
    const char *first = NULL;
    size_t first_len = 0;

    for (const char *line = err + strspn(err, "\n"); *line != '\0'; line += strspn(line, "\n")) {
        size_t n = strcspn(line, "\n");
        if (strncmp(line, "fatal:", 6) == 0 || strncmp(line, "error:", 6) == 0) {
            *len = n;
            return line;
        }
        if (first == NULL) {
            first = line;
            first_len = n;
        }
        line += n;
    }
    *len = first_len;
    return first;
}

static void report_failure(struct ecg_diag *diag, const char *dir, const char *const *args,
                           const struct git_output *o, int status)
{
    char shown[GIT_SHOWN_MAX] = "";
    size_t used = 0;
    size_t why_len;
    const char *why = failure_line(o->err, &why_len);

    for (size_t i = 0; args[i] != NULL && used < sizeof(shown); i++) {
        int n = snprintf(shown + used, sizeof(shown) - used, "%s%s", i > 0 ? " " : "", args[i]);
        used = n < 0 ? sizeof(shown) : used + (size_t)n;
    }
    if (why != NULL)
        ecg_diag_set(diag, dir, 0, 0, "git %s: %.*s", shown, (int)why_len, why);
    else if (WIFSIGNALED(status))
        ecg_diag_set(diag, dir, 0, 0, "git %s: killed by signal %d", shown, WTERMSIG(status));
    else
        ecg_diag_set(diag, dir, 0, 0, "git %s: exit status %d", shown, WEXITSTATUS(status));
}

/* Runs git into o; a git that ran but failed is ECG_EIO with its reason in diag. */
static int git_run_into(struct git_output *o, const char *dir, const char *const *args,
                        struct ecg_diag *diag)
{
    struct ecg_strvec argv;
    struct ecg_strvec envp;
    int status = 0;
    int rc;

    ecg_strvec_init(&argv);
    ecg_strvec_init(&envp);
    rc = build_argv(&argv, dir, args);
    if (rc == 0)
        rc = build_env(&envp);
    if (rc == 0)
        rc = git_collect(o, &status, &argv, &envp, diag);
    if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        report_failure(diag, dir, args, o, status);
        rc = ECG_EIO;
    }
    ecg_strvec_fini(&envp);
    ecg_strvec_fini(&argv);
    return rc;
}

int ecg_git_run(char **out, size_t *out_len, const char *dir, const char *const *args,
                struct ecg_diag *diag)
{
    struct git_output *o = calloc(1, sizeof(*o));
    int rc = o != NULL ? output_reserve(o, 0) : ECG_ENOMEM;

    if (rc == 0)
        rc = git_run_into(o, dir, args, diag);
    if (rc == ECG_ENOMEM)
        ecg_diag_set(diag, NULL, 0, 0, "out of memory running git");
    if (rc == 0) {
        *out = o->out;
        o->out = NULL;
        if (out_len != NULL)
            *out_len = o->len;
    }
    if (o != NULL)
        free(o->out);
    free(o);
    return rc;
}

static int is_object_name(const char *s, size_t len)
{
    if (len != 40 && len != 64)
        return 0;
    return strspn(s, "0123456789abcdef") == len;
}

int ecg_git_head(char **out, const char *dir)
{
    static const char *const args[] = { "rev-parse", "--verify", "-q", "HEAD", NULL };
    char *text = NULL;
    size_t len = 0;
    int rc = ecg_git_run(&text, &len, dir, args, NULL);

    if (rc == ECG_ENOMEM)
        return rc;
    if (rc == 0 && len > 0 && text[len - 1] == '\n')
        text[--len] = '\0';
    if (rc == 0 && !is_object_name(text, len)) {
        free(text);
        text = NULL;
    }
    *out = rc == 0 ? text : NULL;
    return 0;
}

/* ---- git diff in the work tree -------------------------------------------------------- */

/* The top of the work tree holding dir as git prints it (symlinks resolved), and *alias,
 * the same directory as dir spells it (symlinks kept). */
static int find_top(char **top, char **alias, const char *dir, struct ecg_diag *diag)
{
    static const char *const args[] = { "rev-parse", "--show-toplevel", "--show-cdup", NULL };
    char *text = NULL;
    size_t len = 0;
    char *cdup;
    int rc = ecg_git_run(&text, &len, dir, args, diag);

    if (rc != 0)
        return rc;
    /* "TOP\nCDUP\n": CDUP is empty at the top, else "../" repeated, so it holds no '\n'. */
    if (len > 0 && text[len - 1] == '\n')
        text[--len] = '\0';
    cdup = strrchr(text, '\n');
    if (cdup == NULL) {
        ecg_diag_set(diag, dir, 0, 0, "git rev-parse: unexpected output '%s'", text);
        free(text);
        return ECG_EPARSE;
    }
    *cdup++ = '\0';
    *alias = ecg_path_absolute(dir, cdup);
    if (*alias == NULL) {
        free(text);
        return ECG_ENOMEM;
    }
    *top = text;
    return 0;
}

/* Marks every line of each untracked, not ignored file below top. */
static int add_untracked(struct ecg_changes *c, const char *top, struct ecg_diag *diag)
{
    static const char *const args[] = { "ls-files", "--others", "--exclude-standard", "-z", NULL };
    char *text = NULL;
    size_t len = 0;
    int rc = ecg_git_run(&text, &len, top, args, diag);

    for (size_t pos = 0; rc == 0 && pos < len; pos += strlen(text + pos) + 1) {
        size_t n = strlen(text + pos);
        /* A nested repository is listed as "dir/": its files are not ours. */
        if (n > 0 && text[pos + n - 1] != '/')
            rc = ecg_git_changes_add_file(c, text + pos);
    }
    free(text);
    return rc != 0 ? rc : ecg_git_changes_finish(c);
}

static int diff_since(struct ecg_changes **out, const char *top, const char *rev,
                      struct ecg_diag *diag)
{
    /* Our own prefixes and flags, whatever diff.noprefix, diff.mnemonicPrefix, color.diff,
     * diff.external, textconv drivers or diff.renames say; run at the top, where
     * diff.relative changes nothing and ls-files lists the whole tree. */
    const char *const args[] = { "-c",
                                 "core.quotePath=false",
                                 "diff",
                                 "-U0",
                                 "--no-color",
                                 "--no-ext-diff",
                                 "--no-textconv",
                                 "--no-renames",
                                 "--src-prefix=a/",
                                 "--dst-prefix=b/",
                                 rev,
                                 "--",
                                 NULL };
    char *text = NULL;
    size_t len = 0;
    int rc = ecg_git_run(&text, &len, top, args, diag);

    if (rc == 0)
        rc = ecg_git_changes_parse(out, top, text, len, diag);
    free(text);
    return rc;
}

int ecg_git_changes(struct ecg_changes **out, const char *dir, const char *rev,
                    struct ecg_diag *diag)
{
    char *top = NULL;
    char *alias = NULL;
    struct ecg_changes *c = NULL;
    int rc;

    /* "git diff --output=f" would write a file: a revision never starts with '-'. */
    if (rev[0] == '\0' || rev[0] == '-') {
        ecg_diag_set(diag, dir, 0, 0, "'%s' is not a git revision", rev);
        return ECG_EIO;
    }
    rc = find_top(&top, &alias, dir, diag);
    if (rc == 0)
        rc = diff_since(&c, top, rev, diag);
    if (rc == 0)
        rc = add_untracked(c, top, diag);
    if (rc == 0 && strcmp(alias, top) != 0)
        rc = ecg_git_changes_add_top(c, alias);
    free(alias);
    free(top);
    if (rc != 0) {
        ecg_git_changes_free(c);
        return rc;
    }
    *out = c;
    return 0;
}
