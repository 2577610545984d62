#include "server/beacon/pinned_chain.hpp"

#include <fstream>
#include <iterator>

namespace tirage::server {

Result<DrandChain> pinned_drand_chain(const std::string& path) {
  if (path.empty()) return drand_quicknet();
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("config", "--drand-chain: cannot read " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto j = parse_json(text);
  if (!j) return make_error("config", "--drand-chain " + path + ": " + j.error().message);
  auto chain = drand_chain_from_info(*j);
  if (!chain) return make_error("config", "--drand-chain " + path + ": " + chain.error().message);
  return chain;
}

}  // namespace tirage::server
