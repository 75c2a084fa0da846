// ecg-flags: -std=c2x
// [[clang::nonblocking]] in C23 syntax, after the declarator where it applies to the function's
// type (clang 20 checks it itself; ecg also on older libclang).
#include <stdio.h>

void trace_value(int v) [[clang::nonblocking]]
{
    putchar('0' + v % 10); // expect: lockfree-blocking-call {{'putchar'}}
}
