// ecg-options: {"report_every_call": true}
#include <stdlib.h>

void print_int(int v);

/* In a code base where every random value must be unpredictable, each call is reported. */
void draw(void)
{
    int data = rand(); // expect: security-insecure-random {{'rand' is a predictable generator; where its result must not be guessed}}

    print_int(data);
    print_int(1 + rand() % 6); // expect: security-insecure-random {{getrandom()}}
}
