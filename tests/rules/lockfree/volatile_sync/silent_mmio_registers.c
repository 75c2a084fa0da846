/* Device registers: a block of volatile members at a fixed address, and a volatile status
 * member reached through a cast of the address. The worker threads are an RTOS's. */
#include <pthread.h>
#include <stdint.h>

struct uart_regs {
    volatile uint32_t data;
    volatile uint32_t status;
    volatile uint32_t control;
};

struct dma_channel {
    uint32_t reserved[3];
    volatile uint32_t busy;
};

#define UART0 ((struct uart_regs *)0x40001000u)
#define TX_READY 0x20u

void uart_enable(void)
{
    UART0->control = 1;
}

void uart_putc(char c)
{
    while ((UART0->status & TX_READY) == 0)
        continue;
    UART0->data = (uint32_t)c;
}

void dma_start(void)
{
    ((struct dma_channel *)0x40002000u)->busy = 1;
}

void dma_wait(void)
{
    while (((struct dma_channel *)0x40002000u)->busy)
        continue;
}

int uart_spawn(pthread_t *t, void *(*fn)(void *))
{
    return pthread_create(t, NULL, fn, NULL);
}
