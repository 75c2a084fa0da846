/* Error codes shared by every fallible function of the analyzer. Functions return 0 or one
 * of these; the detail is recorded once, where the failure happens, in a struct ecg_diag. */
#ifndef ECG_ANALYZER_ERROR_H
#define ECG_ANALYZER_ERROR_H

enum ecg_error {
    ECG_OK = 0,
    ECG_ENOMEM = -1,  /* allocation failed */
    ECG_EIO = -2,     /* a file could not be read or written */
    ECG_ECONFIG = -3, /* bad configuration: .ecg.json, --config, a rule option */
    ECG_EPARSE = -4,  /* malformed input: JSON, compile database, source */
    ECG_EDB = -5,     /* SQLite failed */
    ECG_EUSAGE = -6,  /* bad command line */
};

#endif
