/* Test support for the generator's tests (see gen_build.h): scratch files, child processes
 * with logged output, counting in text. */
#include "tests/support/gen_build.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "codegen/text.h"
#include "tests/support/testkit.h"

void testkit_write_generated(char *dir, size_t size, const char *label, const char *stem,
                             struct gen_text *h, struct gen_text *c)
{
    char path[1024];
    char name[256];

    assert_int_equal(gen_text_status(h), 0);
    assert_int_equal(gen_text_status(c), 0);
    assert_int_equal(testkit_tmpdir(dir, size, label), 0);
    snprintf(name, sizeof name, "%s.gen.h", stem);
    testkit_write_in(path, sizeof path, dir, name, h->data);
    snprintf(name, sizeof name, "%s.gen.c", stem);
    testkit_write_in(path, sizeof path, dir, name, c->data);
    gen_text_fini(h);
    gen_text_fini(c);
}

int testkit_run_logged(char *const argv[], const char *log)
{
    int status = 0;
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

void testkit_print_file(const char *path)
{
    char buf[8192];
    size_t n;
    FILE *f = fopen(path, "r");

    if (f == NULL)
        return;
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    print_error("%s\n", buf);
    fclose(f);
}

size_t testkit_count(const char *text, const char *what)
{
    size_t n = 0;

    for (const char *at = strstr(text, what); at != NULL; at = strstr(at + 1, what))
        n++;
    return n;
}
