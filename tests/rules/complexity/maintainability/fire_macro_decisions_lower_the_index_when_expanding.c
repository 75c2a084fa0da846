// ecg-options: {"threshold": 90, "count_macro_expansions": true}
/* Expanded, the 28 ?: and && of the macros make the cyclomatic complexity 29 and lower the
 * index by 0.23 * 28 to 89.2, below 90. */
#define CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : (v) > (hi) ? (hi) : (v))
#define IN(v, lo, hi) ((v) >= (lo) && (v) <= (hi) && (v) != 0)

int normalize(int r, int g, int b, int a) // expect: complexity-maintainability {{index 89.2 (normalized 52.1), below 90 on the original scale: Halstead volume 822.0, cyclomatic complexity 29}}
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
