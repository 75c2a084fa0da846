// ecg-options: {"require_thread_api": false}
/* With require_thread_api off, a unit that never names the threads API is judged too. */
static volatile int data_ready; // expect: lockfree-volatile-sync {{written in 'producer_done'}}

void producer_done(void)
{
    data_ready = 1;
}

int consumer_wait(int spins)
{
    int n;
    for (n = 0; !data_ready && n < spins; n++)
        continue;
    return n;
}
