/* Report lines written to a caller's buffer. */
#include <stdio.h>
#include <string.h>

#include "item.h"

void report_header(char *line, const char *store)
{
    char when[32];
    sprintf(when, "week %d", 42); /* fine: at most 16 characters */
    strcpy(line, "Store: ");      /* planted: line's size is unknown here */
    strcat(line, store);          /* planted */
    strcat(line, when);           // NOLINT(security-banned-function): line is LINE_MAX long
}
