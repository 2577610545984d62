#include "shared/crypto/bls_drand.hpp"

#include <blst.h>

#include <string>

#include "shared/crypto/sha256.hpp"

namespace tirage {

namespace {
Error bad(std::string message) { return make_error("bad_drand_signature", std::move(message)); }

const char* decode_problem(BLST_ERROR e) {
  switch (e) {
    case BLST_BAD_ENCODING: return "is not a valid compressed point encoding";
    case BLST_POINT_NOT_ON_CURVE: return "is not a point of the curve";
    case BLST_POINT_NOT_IN_GROUP: return "is not in the prime-order subgroup";
    default: return "cannot be decoded";
  }
}
}  // namespace

Hash drand_round_message(std::uint64_t round) {
  std::uint8_t be[8];
  for (int i = 0; i < 8; ++i) be[i] = static_cast<std::uint8_t>(round >> (56 - 8 * i));
  return sha256(std::span<const std::uint8_t>(be, 8));
}

Status bls_verify_drand_round(std::span<const std::uint8_t> public_key, std::uint64_t round,
                              std::span<const std::uint8_t> signature) {
  if (public_key.size() != kDrandPublicKeySize)
    return bad("the chain's public key has " + std::to_string(public_key.size()) + " bytes, expected 96 (a G2 point)");
  if (signature.size() != kDrandSignatureSize)
    return bad("the signature has " + std::to_string(signature.size()) + " bytes, expected 48 (a G1 point)");
  blst_p2_affine pk;
  if (auto e = blst_p2_uncompress(&pk, public_key.data()); e != BLST_SUCCESS)
    return bad(std::string("the chain's public key ") + decode_problem(e));
  if (blst_p2_affine_is_inf(&pk)) return bad("the chain's public key is the point at infinity");
  if (!blst_p2_affine_in_g2(&pk)) return bad("the chain's public key is not in the prime-order subgroup G2");
  blst_p1_affine sig;
  if (auto e = blst_p1_uncompress(&sig, signature.data()); e != BLST_SUCCESS)
    return bad(std::string("the signature ") + decode_problem(e));
  if (blst_p1_affine_is_inf(&sig)) return bad("the signature is the point at infinity");
  if (!blst_p1_affine_in_g1(&sig)) return bad("the signature is not in the prime-order subgroup G1");
  const Hash message = drand_round_message(round);
  const BLST_ERROR e = blst_core_verify_pk_in_g2(&pk, &sig, true, message.data(), message.size(),
                                                 reinterpret_cast<const std::uint8_t*>(kDrandBlsDst.data()),
                                                 kDrandBlsDst.size(), nullptr, 0);
  if (e == BLST_VERIFY_FAIL)
    return bad("the BLS signature does not verify for this round under the chain's public key");
  if (e != BLST_SUCCESS) return bad("the BLS check failed (blst error " + std::to_string(static_cast<int>(e)) + ")");
  return {};
}

}  // namespace tirage
