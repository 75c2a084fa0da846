/* security-weak-crypto: broken or weak hashes and ciphers (MD5, SHA-1, DES, 3DES, RC4, RC2,
 * 64-bit block ciphers, ECB mode) selected through OpenSSL, libgcrypt, GnuTLS, mbed TLS,
 * the Windows CryptoAPI or crypt(3) salts, named by function, constant or algorithm string.
 * Known gaps: an algorithm chosen at run time (a name read from configuration, a digest
 * passed in a variable) is not followed; home-grown MD5/SHA-1 code is not recognised. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/exprkey.h"
#include "rules/support/macro.h"
#include "rules/support/operator.h"

enum wc_prim {
    WC_NONE,
    WC_MD2,
    WC_MD4,
    WC_MD5,
    WC_SHA1,
    WC_DES,
    WC_3DES,
    WC_RC2,
    WC_RC4,
    WC_RC5,
    WC_BLOWFISH,
    WC_CAST5,
    WC_IDEA,
    WC_ECB,
    WC_CRYPT_DES,
    WC_CRYPT_MD5,
};

struct wc_prim_info {
    const char *name;
    const char *why;    /* completes "which ..." */
    const char *better; /* what to use instead */
};

#define WC_HASH_FIX "use SHA-256 or SHA-3 (e.g. 'EVP_sha256()')"
#define WC_CIPHER_FIX "use AES-GCM or ChaCha20-Poly1305 (e.g. 'EVP_aes_256_gcm()')"
#define WC_CRYPT_FIX                                                                               \
    "use a '$6$' (SHA-512), '$2b$' (bcrypt) or '$y$' (yescrypt) salt, or a password hash such "    \
    "as Argon2"

/* Indexed by enum wc_prim. */
static const struct wc_prim_info wc_prims[] = {
    { "", "", "" },
    { "MD2", "is broken (CWE-328)", WC_HASH_FIX },
    { "MD4", "is broken: collisions take seconds (CWE-328)", WC_HASH_FIX },
    { "MD5", "is broken: collisions are practical (CWE-328)", WC_HASH_FIX },
    { "SHA-1", "is broken: collisions are practical (CWE-328)", WC_HASH_FIX },
    { "DES", "has a 56-bit key that can be searched exhaustively (CWE-327)", WC_CIPHER_FIX },
    { "Triple DES", "is a deprecated 64-bit block cipher open to birthday attacks (CWE-327)",
      WC_CIPHER_FIX },
    { "RC2", "is a weak 64-bit block cipher (CWE-327)", WC_CIPHER_FIX },
    { "RC4", "has a biased keystream and is banned from TLS (CWE-327)", WC_CIPHER_FIX },
    { "RC5", "is a 64-bit block cipher open to birthday attacks (CWE-327)", WC_CIPHER_FIX },
    { "Blowfish", "is a 64-bit block cipher open to birthday attacks (CWE-327)", WC_CIPHER_FIX },
    { "CAST5", "is a 64-bit block cipher open to birthday attacks (CWE-327)", WC_CIPHER_FIX },
    { "IDEA", "is a 64-bit block cipher open to birthday attacks (CWE-327)", WC_CIPHER_FIX },
    { "ECB mode", "encrypts equal plaintext blocks to equal ciphertext blocks (CWE-327)",
      "use an authenticated mode such as AES-GCM or ChaCha20-Poly1305" },
    { "the DES-based crypt(3) scheme", "uses only 8 password characters and a 56-bit key (CWE-328)",
      WC_CRYPT_FIX },
    { "the MD5-based crypt(3) scheme", "is fast to brute-force (CWE-328)", WC_CRYPT_FIX },
};

enum wc_match {
    WC_EXACT,
    WC_PREFIX,
    WC_ECB_SUFFIX, /* a name with this prefix ending in _ecb / _ECB */
};

struct wc_name {
    const char *text;
    enum wc_match match;
    enum wc_prim prim;
};

/* Functions that select or run a weak primitive; the first match wins. */
static const struct wc_name wc_functions[] = {
    { "MD2", WC_EXACT, WC_MD2 },
    { "MD2_Init", WC_EXACT, WC_MD2 },
    { "MD4", WC_EXACT, WC_MD4 },
    { "MD4_Init", WC_EXACT, WC_MD4 },
    { "MD5", WC_EXACT, WC_MD5 },
    { "MD5_Init", WC_EXACT, WC_MD5 },
    { "SHA1", WC_EXACT, WC_SHA1 },
    { "SHA1_Init", WC_EXACT, WC_SHA1 },
    { "EVP_md2", WC_EXACT, WC_MD2 },
    { "EVP_md4", WC_EXACT, WC_MD4 },
    { "EVP_md5", WC_EXACT, WC_MD5 },
    { "EVP_md5_sha1", WC_EXACT, WC_MD5 },
    { "EVP_sha1", WC_EXACT, WC_SHA1 },
    { "EVP_des_ede", WC_PREFIX, WC_3DES },
    { "EVP_des_", WC_PREFIX, WC_DES },
    { "EVP_desx_", WC_PREFIX, WC_DES },
    { "EVP_rc4", WC_PREFIX, WC_RC4 },
    { "EVP_rc2_", WC_PREFIX, WC_RC2 },
    { "EVP_rc5_", WC_PREFIX, WC_RC5 },
    { "RC5_32_set_key", WC_EXACT, WC_RC5 },
    { "EVP_bf_", WC_PREFIX, WC_BLOWFISH },
    { "EVP_cast5_", WC_PREFIX, WC_CAST5 },
    { "EVP_idea_", WC_PREFIX, WC_IDEA },
    { "EVP_", WC_ECB_SUFFIX, WC_ECB },
    { "DES_ede", WC_PREFIX, WC_3DES },
    { "DES_set_key", WC_PREFIX, WC_DES },
    { "DES_key_sched", WC_EXACT, WC_DES },
    { "DES_ecb_encrypt", WC_EXACT, WC_DES },
    { "DES_cbc_encrypt", WC_EXACT, WC_DES },
    { "DES_ncbc_encrypt", WC_EXACT, WC_DES },
    { "DES_string_to_key", WC_EXACT, WC_DES },
    { "RC4", WC_EXACT, WC_RC4 },
    { "RC4_set_key", WC_EXACT, WC_RC4 },
    { "RC2_set_key", WC_EXACT, WC_RC2 },
    { "BF_set_key", WC_EXACT, WC_BLOWFISH },
    { "CAST_set_key", WC_EXACT, WC_CAST5 },
    { "IDEA_set_encrypt_key", WC_EXACT, WC_IDEA },
    { "AES_ecb_encrypt", WC_EXACT, WC_ECB },
    { "mbedtls_md5", WC_PREFIX, WC_MD5 },
    { "mbedtls_sha1", WC_PREFIX, WC_SHA1 },
    { "mbedtls_des3_", WC_PREFIX, WC_3DES },
    { "mbedtls_des_", WC_PREFIX, WC_DES },
    { "mbedtls_arc4_", WC_PREFIX, WC_RC4 },
    { "mbedtls_blowfish_", WC_PREFIX, WC_BLOWFISH },
    { "mbedtls_aes_crypt_ecb", WC_EXACT, WC_ECB },
};

/* Enumeration constants (libgcrypt, GnuTLS, mbed TLS) that name a weak primitive. */
static const struct wc_name wc_constants[] = {
    { "GCRY_MD_MD2", WC_EXACT, WC_MD2 },
    { "GCRY_MD_MD4", WC_EXACT, WC_MD4 },
    { "GCRY_MD_MD5", WC_EXACT, WC_MD5 },
    { "GCRY_MD_SHA1", WC_EXACT, WC_SHA1 },
    { "GCRY_CIPHER_DES", WC_EXACT, WC_DES },
    { "GCRY_CIPHER_3DES", WC_EXACT, WC_3DES },
    { "GCRY_CIPHER_ARCFOUR", WC_EXACT, WC_RC4 },
    { "GCRY_CIPHER_RFC2268_", WC_PREFIX, WC_RC2 },
    { "GCRY_CIPHER_BLOWFISH", WC_EXACT, WC_BLOWFISH },
    { "GCRY_CIPHER_CAST5", WC_EXACT, WC_CAST5 },
    { "GCRY_CIPHER_IDEA", WC_EXACT, WC_IDEA },
    { "GCRY_CIPHER_MODE_ECB", WC_EXACT, WC_ECB },
    { "GNUTLS_DIG_MD2", WC_EXACT, WC_MD2 },
    { "GNUTLS_DIG_MD5", WC_EXACT, WC_MD5 },
    { "GNUTLS_DIG_SHA1", WC_EXACT, WC_SHA1 },
    { "GNUTLS_CIPHER_ARCFOUR", WC_PREFIX, WC_RC4 },
    { "GNUTLS_CIPHER_3DES", WC_PREFIX, WC_3DES },
    { "GNUTLS_CIPHER_DES", WC_PREFIX, WC_DES },
    { "GNUTLS_CIPHER_RC2", WC_PREFIX, WC_RC2 },
    { "MBEDTLS_MD_MD5", WC_EXACT, WC_MD5 },
    { "MBEDTLS_MD_SHA1", WC_EXACT, WC_SHA1 },
    { "MBEDTLS_CIPHER_DES_EDE", WC_PREFIX, WC_3DES },
    { "MBEDTLS_CIPHER_DES_", WC_PREFIX, WC_DES },
    { "MBEDTLS_CIPHER_ARC4", WC_PREFIX, WC_RC4 },
    { "MBEDTLS_CIPHER_BLOWFISH", WC_PREFIX, WC_BLOWFISH },
    { "MBEDTLS_CIPHER_", WC_ECB_SUFFIX, WC_ECB },
    { "MBEDTLS_MODE_ECB", WC_EXACT, WC_ECB },
};

/* Windows CryptoAPI / CNG algorithm macros, read from the tokens of an argument. */
static const struct wc_name wc_macros[] = {
    { "CALG_MD2", WC_EXACT, WC_MD2 },
    { "CALG_MD4", WC_EXACT, WC_MD4 },
    { "CALG_MD5", WC_EXACT, WC_MD5 },
    { "CALG_SHA", WC_EXACT, WC_SHA1 },
    { "CALG_SHA1", WC_EXACT, WC_SHA1 },
    { "CALG_DES", WC_EXACT, WC_DES },
    { "CALG_3DES", WC_PREFIX, WC_3DES },
    { "CALG_RC2", WC_EXACT, WC_RC2 },
    { "CALG_RC4", WC_EXACT, WC_RC4 },
    { "CALG_RC5", WC_EXACT, WC_RC5 },
    { "BCRYPT_MD2_ALGORITHM", WC_EXACT, WC_MD2 },
    { "BCRYPT_MD4_ALGORITHM", WC_EXACT, WC_MD4 },
    { "BCRYPT_MD5_ALGORITHM", WC_EXACT, WC_MD5 },
    { "BCRYPT_SHA1_ALGORITHM", WC_EXACT, WC_SHA1 },
    { "BCRYPT_DES_ALGORITHM", WC_EXACT, WC_DES },
    { "BCRYPT_DESX_ALGORITHM", WC_EXACT, WC_DES },
    { "BCRYPT_3DES", WC_PREFIX, WC_3DES },
    { "BCRYPT_RC2_ALGORITHM", WC_EXACT, WC_RC2 },
    { "BCRYPT_RC4_ALGORITHM", WC_EXACT, WC_RC4 },
    { "BCRYPT_CHAIN_MODE_ECB", WC_EXACT, WC_ECB },
};

/* Calls whose argument arg selects the algorithm: by name string, or by a macro above. */
struct wc_selector {
    const char *function;
    unsigned arg;
    int by_macro; /* 0: a string literal naming the algorithm */
};

static const struct wc_selector wc_selectors[] = {
    { "EVP_get_digestbyname", 0, 0 }, { "EVP_get_cipherbyname", 0, 0 },
    { "EVP_MD_fetch", 1, 0 },         { "EVP_CIPHER_fetch", 1, 0 },
    { "gcry_md_map_name", 0, 0 },     { "gcry_cipher_map_name", 0, 0 },
    { "CryptCreateHash", 1, 1 },      { "CryptGenKey", 1, 1 },
    { "CryptDeriveKey", 1, 1 },       { "BCryptOpenAlgorithmProvider", 1, 1 },
    { "BCryptSetProperty", 2, 1 },
};

/* Calls that take a digest for an HMAC, where SHA-1's collisions do not matter. */
static const char *const wc_hmac_functions[] = {
    "HMAC",
    "HMAC_Init",
    "HMAC_Init_ex",
    "PKCS5_PBKDF2_HMAC",
};

static int ends_with_ecb(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && (strcmp(name + n - 4, "_ecb") == 0 || strcmp(name + n - 4, "_ECB") == 0);
}

static int name_matches(const struct wc_name *entry, const char *name)
{
    size_t len = strlen(entry->text);

    switch (entry->match) {
    case WC_EXACT:
        return strcmp(name, entry->text) == 0;
    case WC_PREFIX:
        return strncmp(name, entry->text, len) == 0;
    case WC_ECB_SUFFIX:
        return strncmp(name, entry->text, len) == 0 && ends_with_ecb(name);
    }
    return 0;
}

static enum wc_prim lookup(const struct wc_name *table, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (name_matches(&table[i], name))
            return table[i].prim;
    }
    return WC_NONE;
}

/* The algorithm an OpenSSL / libgcrypt name string selects: "md5", "DES-EDE3-CBC" ... */
static enum wc_prim prim_of_string(const char *value)
{
    static const struct wc_name strings[] = {
        { "md2", WC_EXACT, WC_MD2 },
        { "md4", WC_EXACT, WC_MD4 },
        { "md5", WC_EXACT, WC_MD5 },
        { "md5sha1", WC_EXACT, WC_MD5 },
        { "ssl3md5", WC_EXACT, WC_MD5 },
        { "sha1", WC_EXACT, WC_SHA1 },
        { "sha", WC_EXACT, WC_SHA1 },
        { "ssl3sha1", WC_EXACT, WC_SHA1 },
        { "desede", WC_PREFIX, WC_3DES },
        { "des3", WC_PREFIX, WC_3DES },
        { "3des", WC_PREFIX, WC_3DES },
        { "tripledes", WC_PREFIX, WC_3DES },
        { "des", WC_PREFIX, WC_DES },
        { "rc4", WC_PREFIX, WC_RC4 },
        { "rc5", WC_PREFIX, WC_RC5 },
        { "arcfour", WC_PREFIX, WC_RC4 },
        { "rc2", WC_PREFIX, WC_RC2 },
        { "bf", WC_PREFIX, WC_BLOWFISH },
        { "blowfish", WC_PREFIX, WC_BLOWFISH },
        { "cast", WC_PREFIX, WC_CAST5 },
        { "idea", WC_PREFIX, WC_IDEA },
    };
    char norm[64];
    size_t n = 0;
    enum wc_prim prim;

    for (const char *p = value; *p != '\0' && n + 1 < sizeof(norm); p++) {
        if (*p != '-' && *p != '_')
            norm[n++] = (char)tolower((unsigned char)*p);
    }
    norm[n] = '\0';
    prim = lookup(strings, sizeof(strings) / sizeof(strings[0]), norm);
    if (prim == WC_NONE && n > 3 && strcmp(norm + n - 3, "ecb") == 0)
        return WC_ECB;
    return prim;
}

static void report(struct rule_ctx *rc, CXCursor at, const char *what, enum wc_prim prim)
{
    const struct wc_prim_info *p = &wc_prims[prim];

    rule_report(rc, at, "%s selects %s, which %s; %s", what, p->name, p->why, p->better);
}

static void check_selector(struct rule_ctx *rc, CXCursor call, const struct wc_selector *s)
{
    CXCursor arg;
    char value[64], what[160], macro[64];
    enum wc_prim prim;

    if ((unsigned)clang_Cursor_getNumArguments(call) <= s->arg)
        return;
    arg = clang_Cursor_getArgument(call, s->arg);
    if (s->by_macro) {
        /* After any cast: '(ALG_ID)CALG_MD5'. */
        if (!rule_macro_name_at(macro, sizeof(macro), rule_unit(rc), rule_exprkey_strip(arg)))
            return;
        prim = lookup(wc_macros, sizeof(wc_macros) / sizeof(wc_macros[0]), macro);
        snprintf(what, sizeof(what), "'%s' with '%s'", s->function, macro);
    } else {
        if (!rule_expr_string_value(arg, value, sizeof(value)))
            return;
        prim = prim_of_string(value);
        snprintf(what, sizeof(what), "'%s(\"%s\")'", s->function, value);
    }
    if (prim != WC_NONE)
        report(rc, call, what, prim);
}

/* crypt(key, salt) with a literal salt: "ab" (DES), "_..." (extended DES) or "$1$" (MD5). */
static void check_crypt(struct rule_ctx *rc, CXCursor call, const char *name)
{
    char salt[64];
    enum wc_prim prim = WC_CRYPT_DES;
    char what[128];

    if (clang_Cursor_getNumArguments(call) < 2 ||
        !rule_expr_string_value(clang_Cursor_getArgument(call, 1), salt, sizeof(salt)) ||
        salt[0] == '\0')
        return;
    if (salt[0] == '$') {
        if (strncmp(salt, "$1$", 3) != 0)
            return;
        prim = WC_CRYPT_MD5;
    }
    snprintf(what, sizeof(what), "'%.16s' with the salt \"%.40s\"", name, salt);
    report(rc, call, what, prim);
}

/* Nonzero when the call is written directly as an argument of an HMAC function. */
static int is_hmac_digest(struct rule_ctx *rc)
{
    char name[64];

    for (size_t up = 0; up < 8; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr ||
            kind == CXCursor_CStyleCastExpr)
            continue;
        if (kind != CXCursor_CallExpr)
            return 0;
        rule_callee_name(a, name, sizeof(name));
        for (size_t i = 0; i < sizeof(wc_hmac_functions) / sizeof(wc_hmac_functions[0]); i++) {
            if (strcmp(name, wc_hmac_functions[i]) == 0)
                return 1;
        }
        return 0;
    }
    return 0;
}

static int sha1_silenced(struct rule_ctx *rc, enum wc_prim prim)
{
    if (prim != WC_SHA1)
        return 0;
    if (!rule_option_bool(rc, "report_sha1"))
        return 1;
    return rule_option_bool(rc, "allow_sha1_hmac") && is_hmac_digest(rc);
}

static void wc_on_call(struct rule_ctx *rc, CXCursor call)
{
    char name[128], what[160];
    enum wc_prim prim;

    rule_callee_name(call, name, sizeof(name));
    if (name[0] == '\0')
        return;
    if (strcmp(name, "crypt") == 0 || strcmp(name, "crypt_r") == 0) {
        check_crypt(rc, call, name);
        return;
    }
    for (size_t i = 0; i < sizeof(wc_selectors) / sizeof(wc_selectors[0]); i++) {
        if (strcmp(name, wc_selectors[i].function) == 0) {
            check_selector(rc, call, &wc_selectors[i]);
            return;
        }
    }
    prim = lookup(wc_functions, sizeof(wc_functions) / sizeof(wc_functions[0]), name);
    if (prim == WC_NONE || sha1_silenced(rc, prim))
        return;
    snprintf(what, sizeof(what), "'%s'", name);
    report(rc, call, what, prim);
}

/* A constant compared with (==, !=) or used as a case label only tests for the algorithm.
 * A case label's constant expression shows as a DeclRefExpr around the DeclRefExpr. */
static int is_test_of_constant(struct rule_ctx *rc)
{
    for (size_t up = 0; up < 6; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr ||
            kind == CXCursor_DeclRefExpr)
            continue;
        if (kind == CXCursor_CaseStmt)
            return 1;
        if (kind != CXCursor_BinaryOperator)
            return 0;
        return rule_operator_is(rule_unit(rc), a, "==") || rule_operator_is(rule_unit(rc), a, "!=");
    }
    return 0;
}

static void wc_on_ref(struct rule_ctx *rc, CXCursor ref)
{
    CXCursor decl = clang_getCursorReferenced(ref);
    char name[128], what[160];
    enum wc_prim prim;

    if (clang_getCursorKind(decl) != CXCursor_EnumConstantDecl)
        return;
    rule_cursor_name(decl, name, sizeof(name));
    prim = lookup(wc_constants, sizeof(wc_constants) / sizeof(wc_constants[0]), name);
    if (prim == WC_NONE || sha1_silenced(rc, prim) || is_test_of_constant(rc))
        return;
    snprintf(what, sizeof(what), "'%s'", name);
    report(rc, ref, what, prim);
}

static void wc_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    if (clang_getCursorKind(cursor) == CXCursor_CallExpr)
        wc_on_call(rc, cursor);
    else
        wc_on_ref(rc, cursor);
}

static const struct rule_option wc_options[] = {
    { "report_sha1", RULE_OPT_BOOL, "true",
      "report SHA-1 (false: for code that uses it only for non-security identifiers, such as "
      "content addresses compatible with git)",
      NULL },
    { "allow_sha1_hmac", RULE_OPT_BOOL, "true",
      "stay silent for SHA-1 passed directly as the digest of HMAC, HMAC_Init_ex or "
      "PKCS5_PBKDF2_HMAC (HMAC does not rely on collision resistance)",
      NULL },
};

const struct rule_desc rule_security_weak_crypto = {
    .id = "security-weak-crypto",
    .title = "Broken or weak cryptographic algorithm",
    .summary = "Flags MD5, SHA-1, DES, 3DES, RC4, RC2, 64-bit block ciphers and ECB mode.",
    .description = "MD5 and SHA-1 collisions can be computed, DES keys searched exhaustively, "
                   "RC4 keystreams are biased, 64-bit block ciphers (3DES, Blowfish, CAST5, "
                   "IDEA, RC2) leak plaintext after a few gigabytes, and ECB mode shows "
                   "repeated plaintext blocks (CWE-327, CWE-328). Each finding names the "
                   "primitive and a replacement: SHA-256 or SHA-3 for hashing, AES-GCM or "
                   "ChaCha20-Poly1305 for encryption.",
    .tags = "security",
    .precision = "high",
    .security_severity = "7.5",
    .cwe = { 327, 328 },
    .level = ECG_LEVEL_WARNING,
    .options = wc_options,
    .n_options = sizeof(wc_options) / sizeof(wc_options[0]),
    .kinds = { CXCursor_CallExpr, CXCursor_DeclRefExpr },
    .on_cursor = wc_on_cursor,
};
