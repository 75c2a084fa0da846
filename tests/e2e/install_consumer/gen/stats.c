/* Linked with ecg::rt_shared: merges two ecgrt histograms through libecgrt.so and checks the
 * result. Exit 0 when the merged histogram holds both. */
#include <stdio.h>

#include <ecg/hist.h>

static struct ecgrt_hist a;
static struct ecgrt_hist b;

int main(void)
{
    ecgrt_hist_init(&a);
    ecgrt_hist_init(&b);
    for (uint64_t v = 1; v <= 100; v++) {
        ecgrt_hist_record(&a, v);
        ecgrt_hist_record(&b, v + 100);
    }
    ecgrt_hist_merge(&a, &b);
    printf("merged %llu values, %llu..%llu\n", (unsigned long long)ecgrt_hist_count(&a),
           (unsigned long long)ecgrt_hist_min(&a), (unsigned long long)ecgrt_hist_max(&a));
    return (ecgrt_hist_count(&a) == 200 && ecgrt_hist_min(&a) == 1 && ecgrt_hist_max(&a) == 200)
               ? 0
               : 1;
}
