#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct job {
    const char *output;
};

/* access() answers with the real uid, fopen() acts with the effective uid: the classic
 * setuid race. */
FILE *open_output(const struct job *job)
{
    if (access(job->output, W_OK) != 0)
        return NULL;
    return fopen(job->output, "w"); // expect: security-toctou {{TOCTOU, CWE-367}}
}

int reset_mode(char *cfg)
{
    if (!access(cfg, F_OK)) {
        chmod(cfg, 0600); // expect: security-toctou {{'chmod'}}
        return 0;
    }
    return -1;
}

/* After a permission check even reading counts: a set-user-ID program reads whatever the
 * name points to once access() has said yes. */
FILE *open_user_report(const char *path)
{
    if (access(path, R_OK) != 0)
        return NULL;
    return fopen(path, "r"); // expect: security-toctou {{'fopen' uses a path that 'access' checked}}
}
