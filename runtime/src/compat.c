/* Platform checks behind ecgrt_compat_ticks_invariant: whether the tick counter of
 * ecg/compat.h keeps a constant rate. Runs once, at clock calibration, never on a hot path. */
#include "ecg/compat.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

uint64_t ecgrt_compat_monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

#if ECGRT_COMPAT_SOURCE == ECGRT_COMPAT_TSC
#include <cpuid.h>

enum { CPUINFO_PREFIX = 16384 }; /* bytes of /proc/cpuinfo read: the first CPU's flags */

/* CPUID.80000007H:EDX[8], the invariant-TSC bit. */
static bool cpuid_says_invariant(void)
{
    unsigned eax = 0;
    unsigned ebx = 0;
    unsigned ecx = 0;
    unsigned edx = 0;

    if ((unsigned)__get_cpuid_max(0x80000000u, NULL) < 0x80000007u)
        return false;
    if (!__get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx))
        return false;
    return (edx & (1u << 8)) != 0;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Whether the blank-separated list [line, end) holds the token word. */
static bool has_token(const char *line, const char *end, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = line; p + n <= end; p++) {
        bool starts = p == line || is_blank(p[-1]);
        bool ends = p + n == end || is_blank(p[n]);
        if (starts && ends && memcmp(p, word, n) == 0)
            return true;
    }
    return false;
}

/* The flags line of the first processor in /proc/cpuinfo names constant_tsc and nonstop_tsc.
 * A line cut by the read limit only loses flags, so the answer errs towards false. */
static bool cpuinfo_says_invariant(void)
{
    char buf[CPUINFO_PREFIX + 1];
    FILE *f = fopen("/proc/cpuinfo", "r");
    size_t n;
    const char *line;
    const char *end;

    if (f == NULL)
        return false;
    n = fread(buf, 1, CPUINFO_PREFIX, f);
    fclose(f);
    buf[n] = '\0';
    line = strstr(buf, "\nflags");
    if (line == NULL)
        return false;
    end = strchr(line + 1, '\n');
    if (end == NULL)
        end = buf + n;
    return has_token(line, end, "constant_tsc") && has_token(line, end, "nonstop_tsc");
}

bool ecgrt_compat_ticks_invariant(void)
{
    return cpuid_says_invariant() || cpuinfo_says_invariant();
}

#else

bool ecgrt_compat_ticks_invariant(void)
{
    return true;
}

#endif
