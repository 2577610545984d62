// drand's BLS signatures, scheme "bls-unchained-g1-rfc9380" (quicknet's):
// signature on G1 (48 bytes compressed), public key on G2 (96 bytes
// compressed), message SHA-256(round as 8 bytes big endian), hashed to G1 with
// RFC 9380's SSWU and DST BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_.
// Checked with supranational's blst (tirage::blst), natively and in Wasm.
//
//   if (auto ok = bls_verify_drand_round(public_key, round, signature); !ok) refuse(ok.error());
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "shared/core/hex.hpp"
#include "shared/core/result.hpp"

namespace tirage {

inline constexpr std::string_view kDrandBlsScheme = "bls-unchained-g1-rfc9380";
inline constexpr std::string_view kDrandBlsDst = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";
inline constexpr std::size_t kDrandSignatureSize = 48;
inline constexpr std::size_t kDrandPublicKeySize = 96;

// The message drand signs for an unchained round: SHA-256(round, u64 big endian).
Hash drand_round_message(std::uint64_t round);

// Ok when signature is the BLS signature of round under public_key; refuses
// (errors say which) wrong sizes, bad encodings, the point at infinity and
// points outside the prime-order subgroups before any pairing.
Status bls_verify_drand_round(std::span<const std::uint8_t> public_key, std::uint64_t round,
                              std::span<const std::uint8_t> signature);

}  // namespace tirage
