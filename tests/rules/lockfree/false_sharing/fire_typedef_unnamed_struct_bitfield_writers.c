/* A typedef'd unnamed struct whose bit-field flags are written by two threads: the bytes they
 * touch lie on one line even though the fields share no bits. */
#define ECG_WRITER(name) __attribute__((annotate("ecg:writer=" #name)))

typedef struct {
    unsigned int rx_pending : 1 ECG_WRITER(irq_thread);
    unsigned int reserved : 31;
    unsigned int tx_pending : 1 ECG_WRITER(tx_thread); // expect: lockfree-false-sharing {{'rx_pending' (offset 0, line 0, writer 'irq_thread') and 'tx_pending' (offset 4, line 0, writer 'tx_thread') of 'port_flags'}}
} port_flags;

void port_rx(port_flags *f)
{
    f->rx_pending = 1;
}

void port_tx(port_flags *f)
{
    f->tx_pending = 1;
}
