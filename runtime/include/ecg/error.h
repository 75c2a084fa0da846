/* Error codes of the ecg runtime (libecgrt). A fallible runtime function returns 0 or one of
 * these negative values; the runtime never prints, so the code is the whole report. */
#ifndef ECG_RUNTIME_ERROR_H
#define ECG_RUNTIME_ERROR_H

enum ecgrt_error {
    ECGRT_OK = 0,
    ECGRT_ENOMEM = -1, /* allocation failed (only _init and _register functions allocate) */
    ECGRT_EIO = -2,    /* writing to a FILE * failed */
    ECGRT_EINVAL = -3, /* bad argument: a name outside its charset, unsorted bounds, ... */
    ECGRT_ENOSPC = -4, /* a caller's buffer or a registry's fixed capacity is too small */
    ECGRT_EEXIST = -5, /* the name and labels are already registered (or with another type) */
    ECGRT_ECLOCK = -6, /* the clock could not be calibrated (no stable window measured) */
};

#endif
