#include <stdio.h>
#include <stdlib.h>

/* An index read from input is checked only from below before a write. */
void record_vote(void)
{
    char line[32];
    int votes[10] = { 0 };
    int choice = -1;

    if (fgets(line, sizeof line, stdin) == NULL)
        return;
    choice = atoi(line);
    if (choice >= 0)
        votes[choice] = 1; // expect: security-buffer-overflow {{index from standard input is not checked above}}
    printf("%d\n", votes[0]);
}
