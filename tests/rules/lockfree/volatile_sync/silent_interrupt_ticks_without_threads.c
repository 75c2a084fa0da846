/* Bare-metal tick counter updated by an interrupt handler: the unit runs no threads, so
 * volatile is the right tool for a single core. */
#include <stdint.h>

static volatile uint32_t ticks;

void SysTick_Handler(void)
{
    ticks++;
}

void delay_ms(uint32_t ms)
{
    uint32_t start = ticks;
    while (ticks - start < ms)
        continue;
}
