/* The spelling ecg/annotate.h's ECG_WRITER expands to, written out as users may: per-CPU
 * style slots where the owner writes 'head' and thieves write 'steals'. */
struct deque_slot {
    unsigned long head __attribute__((annotate("ecg:writer:owner")));
    unsigned long steals __attribute__((annotate("ecg:writer:thief"))); // expect: lockfree-false-sharing {{writer 'thief'}}
    void *buffer;
};

void slot_push(struct deque_slot *s)
{
    s->head++;
}

void slot_steal(struct deque_slot *s)
{
    s->steals++;
}
