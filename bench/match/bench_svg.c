/* The latency chart: percentile curves, one per operation, drawn as inline SVG. The x axis is
 * in "nines" (50%, 90%, 99%, ... are equally spaced: x = log10(1 / (1 - p))), the y axis is
 * nanoseconds on a log scale, so tails stay readable beside medians. */
#include "bench/match/bench_match.h"

#include <math.h>
#include <stdio.h>

#define W 820.0
#define H 480.0
#define LEFT 70.0
#define RIGHT 170.0
#define TOP 40.0
#define BOTTOM 50.0
#define NINES 5.0 /* the x axis ends at 99.999% */

static const char *const colours[BENCH_OPS] = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd" };

static double px(double nines)
{
    return LEFT + nines / NINES * (W - LEFT - RIGHT);
}

static double py(double ns, double lo, double hi)
{
    double v = ns < 1 ? 0 : log10(ns);

    return H - BOTTOM - (v - lo) / (hi - lo) * (H - TOP - BOTTOM);
}

static void axes(FILE *fp, double lo, double hi, const char *title)
{
    static const char *const xl[] = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" };

    fprintf(fp, "<rect width='%.0f' height='%.0f' fill='white'/>\n", W, H);
    fprintf(fp, "<text x='%.0f' y='22' font-size='15' font-family='sans-serif'>%s</text>\n", LEFT,
            title);
    for (int d = (int)lo; d <= (int)hi; d++) {
        double y = py(pow(10, d), lo, hi);
        fprintf(fp, "<line x1='%.0f' y1='%.1f' x2='%.0f' y2='%.1f' stroke='#ddd'/>\n", LEFT, y,
                W - RIGHT, y);
        fprintf(fp,
                "<text x='%.0f' y='%.1f' font-size='11' text-anchor='end' "
                "font-family='sans-serif'>%.0f ns</text>\n",
                LEFT - 6, y + 4, pow(10, d));
    }
    for (int k = 0; k <= (int)NINES; k++) {
        double x = px(k);
        fprintf(fp, "<line x1='%.1f' y1='%.0f' x2='%.1f' y2='%.0f' stroke='#ddd'/>\n", x, TOP, x,
                H - BOTTOM);
        fprintf(fp,
                "<text x='%.1f' y='%.0f' font-size='11' text-anchor='middle' "
                "font-family='sans-serif'>%s</text>\n",
                x, H - BOTTOM + 16, xl[k]);
    }
    fprintf(fp,
            "<text x='%.0f' y='%.0f' font-size='12' text-anchor='middle' "
            "font-family='sans-serif'>percentile</text>\n",
            px(NINES / 2), H - 12);
}

static void curve(FILE *fp, const struct ecgrt_hist *h, int k, double lo, double hi)
{
    fprintf(fp, "<polyline fill='none' stroke-width='2' stroke='%s' points='", colours[k]);
    for (double x = 0; x <= NINES + 1e-9; x += 0.05) {
        double p = 100.0 * (1.0 - pow(10, -x));
        if ((double)ecgrt_hist_count(h) * (100.0 - p) / 100.0 < 1.0)
            break;
        fprintf(fp, "%.1f,%.1f ", px(x), py((double)ecgrt_hist_value_at_percentile(h, p), lo, hi));
    }
    fprintf(fp, "'/>\n");
}

static void legend(FILE *fp, const char *const names[BENCH_OPS])
{
    for (int k = 0; k < BENCH_OPS; k++) {
        double y = TOP + 20 + 22 * k;
        fprintf(fp,
                "<line x1='%.0f' y1='%.0f' x2='%.0f' y2='%.0f' stroke='%s' "
                "stroke-width='3'/>\n",
                W - RIGHT + 12, y, W - RIGHT + 36, y, colours[k]);
        fprintf(fp, "<text x='%.0f' y='%.0f' font-size='12' font-family='sans-serif'>%s</text>\n",
                W - RIGHT + 42, y + 4, names[k]);
    }
}

/* The decades the y axis spans: from the lowest minimum to the highest maximum. */
static void y_range(double *lo, double *hi, const struct ecgrt_hist *const hists[BENCH_OPS])
{
    uint64_t top = 10;
    uint64_t bottom = UINT64_MAX;

    for (int k = 0; k < BENCH_OPS; k++) {
        if (ecgrt_hist_count(hists[k]) == 0)
            continue;
        top = ecgrt_hist_max(hists[k]) > top ? ecgrt_hist_max(hists[k]) : top;
        bottom = ecgrt_hist_min(hists[k]) < bottom ? ecgrt_hist_min(hists[k]) : bottom;
    }
    *lo = floor(log10(bottom < 1 || bottom == UINT64_MAX ? 1.0 : (double)bottom));
    *hi = ceil(log10((double)top));
    *hi = *hi <= *lo ? *lo + 1 : *hi;
}

int bench_svg_write(const char *path, const struct ecgrt_hist *const hists[BENCH_OPS],
                    const char *const names[BENCH_OPS], const char *title)
{
    FILE *fp = fopen(path, "w");
    double lo;
    double hi;

    if (fp == NULL)
        return -1;
    y_range(&lo, &hi, hists);
    fprintf(fp,
            "<svg xmlns='http://www.w3.org/2000/svg' width='%.0f' height='%.0f' "
            "viewBox='0 0 %.0f %.0f'>\n",
            W, H, W, H);
    axes(fp, lo, hi, title);
    for (int k = 0; k < BENCH_OPS; k++)
        if (ecgrt_hist_count(hists[k]) > 0)
            curve(fp, hists[k], k, lo, hi);
    legend(fp, names);
    fprintf(fp, "</svg>\n");
    return fclose(fp) == 0 ? 0 : -1;
}
