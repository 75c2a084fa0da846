// ecg-options: {"report_sha1": false}
#include <stddef.h>

/* As declared by <openssl/sha.h>: SHA-1 names git-compatible blobs, not secrets. */
unsigned char *SHA1(const unsigned char *d, size_t n, unsigned char *md);

void blob_object_id(unsigned char id[20], const unsigned char *blob, size_t n)
{
    SHA1(blob, n, id);
}
