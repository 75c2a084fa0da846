#include <stdio.h>
#include <stdlib.h>

/* An index from input checked on both sides; a loop bounded by the array. */
void record_vote(void)
{
    char line[32];
    int votes[10] = { 0 };
    int choice;
    size_t i;

    if (fgets(line, sizeof line, stdin) == NULL)
        return;
    choice = atoi(line);
    if (choice >= 0 && choice < 10)
        votes[choice] = 1;
    for (i = 0; i < sizeof(votes) / sizeof(votes[0]); i++)
        votes[i] += 1;
    for (i = 0; i < 10; i++)
        votes[i] = 0;
    votes[9] = 2;
    printf("%d\n", votes[0]);
}
