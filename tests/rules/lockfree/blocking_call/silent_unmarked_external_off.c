// ecg-options: {"unmarked_external": false}
// With unmarked externals trusted, only the known blocking functions count.
#include "../../../../runtime/include/ecg/annotate.h"

int codec_step(short *samples, int n);

ECG_NONBLOCKING int render_block(short *samples, int n)
{
    return codec_step(samples, n);
}
