/* A growable vector of owned C strings, used for argument lists and path lists. */
#ifndef ECG_ANALYZER_STRVEC_H
#define ECG_ANALYZER_STRVEC_H

#include <stddef.h>

struct ecg_strvec {
    char **items; /* owned; items[len] is NULL so the vector can serve as an argv */
    size_t len;
    size_t cap;
};

/* Prepares an empty vector in the caller's storage. */
void ecg_strvec_init(struct ecg_strvec *v);

/* Releases every string and the array; the vector is empty and reusable afterwards. */
void ecg_strvec_fini(struct ecg_strvec *v);

/* Appends a copy of s. Returns 0 or ECG_ENOMEM. */
int ecg_strvec_push(struct ecg_strvec *v, const char *s);

/* Appends s itself, taking ownership even on failure. Returns 0 or ECG_ENOMEM. */
int ecg_strvec_push_take(struct ecg_strvec *v, char *s);

/* Appends copies of every item of other. Returns 0 or ECG_ENOMEM. */
int ecg_strvec_extend(struct ecg_strvec *v, const struct ecg_strvec *other);

#endif
