/* Members marked as written by different threads share a line although neither is atomic:
 * the dispatcher counts requests, the worker counts completions (published elsewhere). */
#define ECG_WRITER(name) __attribute__((annotate("ecg:writer=" #name)))

struct worker_slot {
    unsigned long requests ECG_WRITER(dispatcher);
    unsigned long completions ECG_WRITER(worker); // expect: lockfree-false-sharing {{writer 'worker'}}
    int cpu;
};

void slot_dispatch(struct worker_slot *s)
{
    s->requests++;
}

void slot_complete(struct worker_slot *s)
{
    s->completions++;
}
