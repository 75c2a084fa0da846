/* Two members written by the same thread may share a line: no other core writes it. */
#define ECG_WRITER(name) __attribute__((annotate("ecg:writer=" #name)))

struct producer_state {
    unsigned long next_seq ECG_WRITER(producer);
    unsigned long batches ECG_WRITER(producer);
    const char *name;
};

void produce(struct producer_state *p)
{
    p->next_seq++;
    if ((p->next_seq & 63) == 0)
        p->batches++;
}
