/* As declared by <wincrypt.h>. */
typedef unsigned long ULONG_PTR;
typedef ULONG_PTR HCRYPTPROV;
typedef ULONG_PTR HCRYPTKEY;
typedef ULONG_PTR HCRYPTHASH;
typedef unsigned int ALG_ID;
typedef int BOOL;
typedef unsigned long DWORD;
#define ALG_CLASS_HASH (4 << 13)
#define ALG_CLASS_DATA_ENCRYPT (3 << 13)
#define ALG_TYPE_ANY 0
#define ALG_TYPE_BLOCK (3 << 9)
#define ALG_SID_MD5 3
#define ALG_SID_DES 1
#define CALG_MD5 (ALG_CLASS_HASH | ALG_TYPE_ANY | ALG_SID_MD5)
#define CALG_DES (ALG_CLASS_DATA_ENCRYPT | ALG_TYPE_BLOCK | ALG_SID_DES)
BOOL CryptCreateHash(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTKEY hKey, DWORD dwFlags,
                     HCRYPTHASH *phHash);
BOOL CryptDeriveKey(HCRYPTPROV hProv, ALG_ID Algid, HCRYPTHASH hBaseData, DWORD dwFlags,
                    HCRYPTKEY *phKey);

int derive_file_key(HCRYPTPROV prov, HCRYPTKEY *key)
{
    HCRYPTHASH hash;

    if (!CryptCreateHash(prov, CALG_MD5, 0, 0, &hash)) // expect: security-weak-crypto {{'CryptCreateHash' with 'CALG_MD5' selects MD5}}
        return -1;
    if (!CryptDeriveKey(prov, CALG_DES, hash, 0, key)) // expect: security-weak-crypto {{DES}}
        return -1;
    return 0;
}
