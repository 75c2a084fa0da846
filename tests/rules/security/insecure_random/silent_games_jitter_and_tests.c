#include <stdlib.h>

struct dict;
int dict_add(struct dict *d, long key, long value);
void sleep_ms(int ms);

/* Statistical uses: nobody gains by predicting these. */
int roll_dice(void)
{
    return 1 + rand() % 6;
}

void retry_with_jitter(int attempt)
{
    int delay = (100 << attempt) + rand() % 100;
    int session_timeout = 30000 + rand() % 5000;

    sleep_ms(delay + session_timeout);
}

void fill_dict_for_benchmark(struct dict *d, int n)
{
    for (int i = 0; i < n; i++) {
        long key = rand() % 100000;
        char keybuf[16];
        keybuf[0] = (char)('a' + rand() % 26);
        dict_add(d, key, keybuf[0]);
    }
}

void shuffle(int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = rand() % (i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
