// ecg-options: {"threshold": 90}
/* As written the macros decide nothing: cyclomatic complexity 1, index 95.6, not below 90. */
#define CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : (v) > (hi) ? (hi) : (v))
#define IN(v, lo, hi) ((v) >= (lo) && (v) <= (hi) && (v) != 0)

int normalize(int r, int g, int b, int a)
{
    int sum = 0;
    sum += CLAMP(r, 0, 255) + IN(r, 1, 9);
    sum += CLAMP(g, 0, 255) + IN(g, 1, 9);
    sum += CLAMP(b, 0, 255) + IN(b, 1, 9);
    sum += CLAMP(a, 0, 255) + IN(a, 1, 9);
    sum += CLAMP(r + g, 0, 511) + IN(r + g, 1, 9);
    sum += CLAMP(b + a, 0, 511) + IN(b + a, 1, 9);
    sum += CLAMP(r - a, 0, 511) + IN(r - a, 1, 9);
    return sum;
}
