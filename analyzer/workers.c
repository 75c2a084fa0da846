/* Worker threads over the job list; see workers.h. */
#include "analyzer/workers.h"

#include <clang-c/Index.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/error.h"
#include "analyzer/job.h"

/* libclang parses on the calling thread (see parse_on_worker_threads), and clang's parser
 * recurses once per nesting level of an expression, about 1 KiB a level: 512 MiB of
 * address space, committed only as it is touched, lets a unit nest ~400,000 levels deep
 * where clang itself, on an 8 MiB stack, overflows near 25,000. */
#define WORKER_STACK_BYTES (512u * 1024u * 1024u)

struct pool {
    struct ecg_job *jobs;
    size_t n;
    atomic_size_t next; /* index of the next job to take */
    const struct ecg_unit_env *env;
    const struct ecg_progress *progress;
    int rerun;                     /* analyse only the jobs with xrerun set */
    pthread_mutex_t progress_lock; /* guards done and the progress stream */
    size_t done;
    struct timespec start;
};

unsigned ecg_workers_default_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1u;
}

static const char *display_name(const char *path, const char *cwd)
{
    size_t n = cwd != NULL ? strlen(cwd) : 0;

    if (n > 0 && strncmp(path, cwd, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

static int decimal_digits(size_t n)
{
    int digits = 1;

    while (n >= 10) {
        n /= 10;
        digits++;
    }
    return digits;
}

/* "[ 42/310] src/foo.c (12.3s)": the count padded to the width of the total. */
static void report_progress(struct pool *pool, const struct ecg_job *job)
{
    struct timespec now;
    double elapsed;

    if (pool->progress == NULL || pool->progress->stream == NULL)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    elapsed = (double)(now.tv_sec - pool->start.tv_sec) +
              (double)(now.tv_nsec - pool->start.tv_nsec) / 1e9;
    pthread_mutex_lock(&pool->progress_lock);
    pool->done++;
    fprintf(pool->progress->stream, "\r\033[K[%*zu/%zu] %s (%.1fs)", decimal_digits(pool->n),
            pool->done, pool->n, display_name(job->file, pool->progress->cwd), elapsed);
    fflush(pool->progress->stream);
    pthread_mutex_unlock(&pool->progress_lock);
}

static void *worker_main(void *arg)
{
    struct pool *pool = arg;
    CXIndex index = clang_createIndex(0, 0);

    for (;;) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->n)
            break;
        if (pool->rerun ? pool->jobs[i].xrerun : !pool->jobs[i].cached)
            ecg_job_analyze(&pool->jobs[i], index, pool->env);
        report_progress(pool, &pool->jobs[i]);
    }
    clang_disposeIndex(index);
    return NULL;
}

/* libclang normally runs each parse on a thread of its own with an 8 MiB stack, where a
 * deeply nested expression overflows the stack and kills the process. LIBCLANG_NOTHREADS
 * makes it parse on the caller's thread, whose stack we size. Set before any worker
 * starts, and never changed afterwards. */
static void parse_on_worker_threads(void)
{
    setenv("LIBCLANG_NOTHREADS", "1", 0);
}

static size_t start_threads(pthread_t *threads, size_t count, struct pool *pool)
{
    pthread_attr_t attr;
    size_t started = 0;

    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WORKER_STACK_BYTES);
    for (size_t t = 0; t < count; t++) {
        if (pthread_create(&threads[started], &attr, worker_main, pool) != 0)
            break;
        started++;
    }
    pthread_attr_destroy(&attr);
    return started;
}

static int run_pool(struct ecg_job *jobs, size_t n, unsigned threads,
                    const struct ecg_unit_env *env, const struct ecg_progress *progress, int rerun);

int ecg_workers_run(struct ecg_job *jobs, size_t n, unsigned threads,
                    const struct ecg_unit_env *env, const struct ecg_progress *progress)
{
    return run_pool(jobs, n, threads, env, progress, 0);
}

int ecg_workers_rerun(struct ecg_job *jobs, size_t n, unsigned threads,
                      const struct ecg_unit_env *env)
{
    return run_pool(jobs, n, threads, env, NULL, 1);
}

static int run_pool(struct ecg_job *jobs, size_t n, unsigned threads,
                    const struct ecg_unit_env *env, const struct ecg_progress *progress, int rerun)
{
    struct pool pool;
    size_t count = threads != 0 ? threads : ecg_workers_default_count();
    pthread_t *ids;
    size_t started;

    if (n == 0)
        return 0;
    if (count > n)
        count = n;
    ids = calloc(count, sizeof(*ids));
    if (ids == NULL)
        return ECG_ENOMEM;
    memset(&pool, 0, sizeof(pool));
    pool.jobs = jobs;
    pool.n = n;
    atomic_init(&pool.next, 0);
    pool.env = env;
    pool.progress = progress;
    pool.rerun = rerun;
    pthread_mutex_init(&pool.progress_lock, NULL);
    clock_gettime(CLOCK_MONOTONIC, &pool.start);
    parse_on_worker_threads();
    started = start_threads(ids, count, &pool);
    if (started == 0)
        worker_main(&pool); /* no thread could start: do the work here, on a smaller stack */
    for (size_t t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    if (progress != NULL && progress->stream != NULL)
        fputs("\r\033[K", progress->stream);
    pthread_mutex_destroy(&pool.progress_lock);
    free(ids);
    return 0;
}
