/* SARIF 2.1.0 writer: one run per invocation, built with cJSON, deterministic output. */
#ifndef ECG_SARIF_SARIF_H
#define ECG_SARIF_SARIF_H

#include <stdio.h>

struct ecg_result;

struct sarif_options {
    const char *category; /* automationDetails.id; NULL for none */
};

/* Writes result as a SARIF 2.1.0 log to out. Returns 0, ECG_ENOMEM or ECG_EIO. */
int sarif_write(FILE *out, const struct ecg_result *result, const struct sarif_options *opts);

#endif
