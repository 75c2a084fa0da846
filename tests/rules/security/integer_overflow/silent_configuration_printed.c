#include <stdio.h>
#include <stdlib.h>

/* Numbers from the command line and from a kernel file, only printed: whoever runs the
 * program chose them; the rule counts them only when the result sizes memory. */
static long read_rss_pages(void)
{
    char buf[64];
    long pages = 0;
    FILE *fp = fopen("/proc/self/statm", "r");

    if (fp == NULL)
        return 0;
    if (fgets(buf, sizeof buf, fp) != NULL)
        pages = strtol(buf, NULL, 10);
    fclose(fp);
    return pages;
}

int main(int argc, char **argv)
{
    long runs;
    long pages = read_rss_pages();

    if (argc < 2)
        return 1;
    runs = strtol(argv[1], NULL, 10);
    printf("%ld runs, %ld bytes resident\n", runs + 1, pages * 4096);
    return 0;
}
