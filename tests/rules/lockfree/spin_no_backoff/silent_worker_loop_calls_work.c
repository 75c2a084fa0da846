#include <stdatomic.h>
#include <stdbool.h>

struct worker {
    atomic_bool running;
    int done;
};

void process_one(struct worker *w);

void worker_run(struct worker *w)
{
    while (atomic_load_explicit(&w->running, memory_order_acquire))
        process_one(w);
}

void worker_run_until_stopped(struct worker *w, int limit)
{
    while (w->done < limit) {
        if (!atomic_load_explicit(&w->running, memory_order_relaxed))
            break;
        w->done++;
    }
}
