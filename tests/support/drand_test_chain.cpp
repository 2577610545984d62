#include "tests/support/drand_test_chain.hpp"

#include <blst.h>

#include "shared/crypto/bls_drand.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::testing {

namespace {
blst_scalar secret_key(const std::string& name) {
  const Hash ikm = sha256("tirage drand test chain, never a real key: " + name);
  blst_scalar sk;
  blst_keygen(&sk, ikm.data(), ikm.size(), nullptr, 0);
  return sk;
}
}  // namespace

DrandChain drand_test_chain(const std::string& name, UnixSeconds genesis, UnixSeconds period) {
  const blst_scalar sk = secret_key(name);
  blst_p2 pk;
  blst_sk_to_pk_in_g2(&pk, &sk);
  std::uint8_t key[96];
  blst_p2_compress(key, &pk);
  DrandChain c;
  c.genesis_time = genesis;
  c.period = period;
  c.public_key = to_hex(std::span<const std::uint8_t>(key, 96));
  c.scheme = std::string(kDrandBlsScheme);
  c.group_hash = to_hex(sha256("tirage drand test group: " + name));
  c.beacon_id = name;
  c.chain_hash = to_hex(*drand_chain_hash(c));
  return c;
}

Bytes drand_test_sign(const std::string& name, std::uint64_t round) {
  const blst_scalar sk = secret_key(name);
  const Hash msg = drand_round_message(round);
  blst_p1 h, sig;
  blst_hash_to_g1(&h, msg.data(), msg.size(), reinterpret_cast<const std::uint8_t*>(kDrandBlsDst.data()),
                  kDrandBlsDst.size(), nullptr, 0);
  blst_sign_pk_in_g2(&sig, &h, &sk);
  Bytes out(48);
  blst_p1_compress(out.data(), &sig);
  return out;
}

}  // namespace tirage::testing
