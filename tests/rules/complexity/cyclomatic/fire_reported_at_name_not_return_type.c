// ecg-options: {"threshold": 2}
/* The finding starts at the function's name, on its own line after the return type. */
static unsigned long
checksum(const unsigned char *p, unsigned long n) // expect:1: complexity-cyclomatic
{
    unsigned long sum = 0;
    for (unsigned long i = 0; i < n; i++)
        sum += p[i];
    return sum;
}
