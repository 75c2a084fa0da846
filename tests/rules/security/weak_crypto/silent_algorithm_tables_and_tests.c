/* As declared by <gcrypt.h>. */
enum gcry_md_algos {
    GCRY_MD_NONE = 0,
    GCRY_MD_MD5 = 1,
    GCRY_MD_SHA1 = 2,
    GCRY_MD_SHA256 = 8,
};

/* Mapping and refusing weak algorithms names them without using them. */
const char *digest_name(int algo)
{
    switch (algo) {
    case GCRY_MD_MD5:
        return "md5";
    case GCRY_MD_SHA1:
        return "sha1";
    case GCRY_MD_SHA256:
        return "sha256";
    default:
        return "unknown";
    }
}

int digest_allowed(int algo)
{
    if (algo == GCRY_MD_MD5 || (GCRY_MD_SHA1) == algo)
        return 0;
    return algo != GCRY_MD_NONE;
}
