// ecg-options: {"blocking": ["log_event"], "unmarked_external": false}
// The project's logging wrapper lives in another unit; the option says it blocks.
#include "../../../../runtime/include/ecg/annotate.h"

void log_event(int code);
int checksum(const unsigned char *p, int n);

ECG_NONBLOCKING int validate(const unsigned char *frame, int n)
{
    if (checksum(frame, n) != 0) {
        log_event(7); // expect: lockfree-blocking-call {{'blocking' option}}
        return -1;
    }
    return 0;
}
