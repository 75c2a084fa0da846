/* Built with `cc latency.c $(pkg-config --cflags --libs ecgrt)`: records a thousand values into
 * an ecgrt histogram and checks the median and the extremes. Exit 0 when they are right. */
#include <stdio.h>

#include <ecg/hist.h>

static struct ecgrt_hist h;

int main(void)
{
    uint64_t p50;

    ecgrt_hist_init(&h);
    for (uint64_t v = 1; v <= 1000; v++)
        ecgrt_hist_record(&h, v * 1000);
    p50 = ecgrt_hist_value_at_percentile(&h, 50.0);
    printf("count %llu, min %llu, p50 %llu, max %llu\n", (unsigned long long)ecgrt_hist_count(&h),
           (unsigned long long)ecgrt_hist_min(&h), (unsigned long long)p50,
           (unsigned long long)ecgrt_hist_max(&h));
    if (ecgrt_hist_count(&h) != 1000 || ecgrt_hist_min(&h) != 1000 || ecgrt_hist_max(&h) != 1000000)
        return 1;
    /* The exact median is 500000; a reported percentile is within 1/256 of it. */
    return (p50 >= 498000 && p50 <= 502000) ? 0 : 1;
}
