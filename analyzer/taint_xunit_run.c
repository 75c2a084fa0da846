/* Cross-unit rounds; see taint_xunit_run.h. A unit's interface in a round is the one of the
 * analysis its findings come from; every round starts from what each unit gives without
 * seeds, so a warm run (units replayed from the cache with the seeds they were analysed
 * with) walks the same rounds as a cold one and only adopts a stored result when its seeds
 * come out the same. */
#include "analyzer/taint_xunit_run.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/job.h"
#include "analyzer/workers.h"
#include "rules/rule.h"

int ecg_taint_xunit_run_wanted(const struct ecg_job *jobs, size_t n)
{
    if (n < 2)
        return 0;
    /* jobs of one run share their rules unless configurations differ: any job decides */
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < jobs[i].n_rules; k++) {
            if (jobs[i].rules[k]->needs_flow != 0 || jobs[i].rules[k]->needs_xvalue)
                return 1;
        }
    }
    return 0;
}

/* The interface of the analysis the job's findings are for (in this round). */
static const struct ecg_xiface *current_iface(const struct ecg_job *job)
{
    if (job->failed)
        return NULL;
    return job->xseeds.len > 0 && job->xiface != NULL ? job->xiface : job->xbase;
}

static void move_facts(struct ecg_xfacts *to, struct ecg_xfacts *from)
{
    ecg_xfacts_fini(to);
    *to = *from;
    memset(from, 0, sizeof(*from));
}

/* A cached unit whose seeds come out as the ones its findings were computed with takes its
 * stored result back (1); with rerun set, any other unit whose seeds changed is marked to be
 * analysed again (2). 0: nothing to do. */
static int plan_job(struct ecg_job *job, struct ecg_xfacts *seeds, int rerun)
{
    if (ecg_taint_xunit_same(seeds, &job->xseeds) && !job->xstale)
        return 0;
    if (job->xstale && ecg_taint_xunit_same(seeds, &job->xstored)) {
        move_facts(&job->xseeds, seeds);
        job->xiface = job->xstored_iface;
        job->xstored_iface = NULL;
        job->xstale = 0;
        return 1;
    }
    if (!rerun)
        return 0;
    move_facts(&job->xseeds, seeds);
    ecg_job_reset(job);
    job->xrerun = 1;
    return 2;
}

/* Plans each job with an interface on its linked seeds, grown by the ones it had (so the
 * rounds end), counting the outcomes; releases the seeds. */
static int plan_jobs(size_t counts[3], struct ecg_job *jobs, size_t n,
                     const struct ecg_xiface **ifaces, struct ecg_xfacts *seeds, int rerun)
{
    int rc = 0;

    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && ifaces[i] != NULL)
            rc = ecg_taint_xunit_keep(&seeds[i], &jobs[i].xseeds);
        if (rc == 0 && ifaces[i] != NULL)
            counts[plan_job(&jobs[i], &seeds[i], rerun)]++;
        ecg_xfacts_fini(&seeds[i]);
    }
    return rc;
}

/* Links the current interfaces and plans each job (plan_job); the count of each outcome. */
static int plan_round(size_t counts[3], struct ecg_job *jobs, size_t n, int rerun)
{
    const struct ecg_xiface **ifaces = calloc(n, sizeof(*ifaces));
    struct ecg_xfacts *seeds = calloc(n, sizeof(*seeds));
    int rc = ifaces != NULL && seeds != NULL ? 0 : ECG_ENOMEM;

    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        ifaces[i] = current_iface(&jobs[i]);
    if (rc == 0)
        rc = ecg_taint_xunit_link(seeds, ifaces, n);
    if (rc == 0)
        rc = plan_jobs(counts, jobs, n, ifaces, seeds, rerun);
    free(seeds);
    free(ifaces);
    return rc;
}

/* Plans a round: cached results are taken back as long as any fits, then the jobs whose
 * seeds changed are marked. *out: how many. */
static int plan(size_t *out, struct ecg_job *jobs, size_t n)
{
    size_t counts[3] = { 0, 1, 0 };
    int rc = 0;

    for (size_t i = 0; rc == 0 && counts[1] > 0 && i <= n; i++)
        rc = plan_round(counts, jobs, n, 0);
    if (rc == 0)
        rc = plan_round(counts, jobs, n, 1);
    if (rc == 0)
        *out = counts[2];
    return rc;
}

/* The jobs whose cached findings were computed with seeds start from their base. */
static void start_stale(struct ecg_job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].cached && jobs[i].xstored.len > 0 && jobs[i].xseeds.len == 0)
            jobs[i].xstale = 1;
    }
}

int ecg_taint_xunit_run_rounds(struct ecg_xunit_stats *out, struct ecg_job *jobs, size_t n,
                               unsigned threads, const struct ecg_unit_env *env)
{
    struct ecg_xunit_stats stats = { 0, 0 };
    int rc = 0;

    start_stale(jobs, n);
    for (int round = 1; rc == 0 && round <= ECG_XUNIT_ROUNDS; round++) {
        size_t count = 0;
        rc = plan(&count, jobs, n);
        if (rc != 0 || count == 0)
            break;
        rc = ecg_workers_rerun(jobs, n, threads, env);
        for (size_t i = 0; i < n; i++)
            jobs[i].xrerun = 0;
        stats.reanalysed += count;
        stats.rounds++;
    }
    if (rc == 0)
        *out = stats;
    return rc;
}
