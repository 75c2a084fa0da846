// ecg-flags: -std=c2x
// [[clang::nonblocking]] in C23 syntax (clang 20 checks it itself; ecg also on older libclang).
#include <stdio.h>

[[clang::nonblocking]] void trace_value(int v)
{
    putchar('0' + v % 10); // expect: lockfree-blocking-call {{'putchar'}}
}
