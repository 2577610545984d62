/*
 * Included into a build-time copy of OpenSSL's crypto/ec/curve25519.c (made by
 * scripts/crypto_lite/build.sh, never committed) right after its own includes,
 * for the Wasm verifier's crypto_lite: Ed25519's SHA-512 goes through the
 * low-level SHA512_Init/Update/Final instead of an EVP_MD fetched from a
 * provider. Fetching through providers links OpenSSL's whole provider and
 * algorithm machinery into the Wasm (about 1.5 MB), for one hash function.
 * The arithmetic of curve25519.c is untouched.
 */
#include <stdlib.h>
#include <openssl/sha.h>

static int tirage_lite_sha512_tag;

static int tirage_lite_sha512(const void *data, size_t len, unsigned char *out)
{
    SHA512_CTX ctx;

    return SHA512_Init(&ctx) && SHA512_Update(&ctx, data, len) && SHA512_Final(out, &ctx);
}

/* Only SHA-512 is ever asked for in curve25519.c; the tag stands for it. */
#define EVP_MD_fetch(libctx, name, propq) ((EVP_MD *)&tirage_lite_sha512_tag)
#define EVP_MD_free(md) ((void)(md))
#define EVP_MD_CTX_new() ((EVP_MD_CTX *)malloc(sizeof(SHA512_CTX)))
#define EVP_MD_CTX_free(ctx) free(ctx)
#define EVP_DigestInit_ex(ctx, md, impl) SHA512_Init((SHA512_CTX *)(ctx))
#define EVP_DigestUpdate(ctx, data, len) SHA512_Update((SHA512_CTX *)(ctx), (data), (len))
#define EVP_DigestFinal_ex(ctx, out, outlen) SHA512_Final((out), (SHA512_CTX *)(ctx))
#define EVP_Digest(data, len, out, outlen, md, impl) tirage_lite_sha512((data), (len), (out))
