// `tirage verify BUNDLE`: offline verification of a published result bundle,
// with signing keys the user trusts (--keys, or the service's key set compiled
// in), never the keys the bundle brings.
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "cli/service_keys_embedded.hpp"
#include "shared/protocol/bundle.hpp"
#include "shared/protocol/key_trust.hpp"
#include "shared/protocol/merkle.hpp"

namespace tirage::cli {

namespace {
constexpr const char* kHelp =
    "usage: tirage verify BUNDLE [--keys FILE] [--known-sth FILE --consistency FILE] [--drand-chain FILE]\n\n"
    "Checks a result bundle (file or -) as served by GET /api/v1/draws/{id}/bundle,\n"
    "following docs/protocol.md section 8, steps 1-6. Signatures are checked with the\n"
    "keys you trust: --keys FILE (a /.well-known/tirage-keys.json you got from a\n"
    "source you trust), or else the service's key set built into this tool\n"
    "(config/service-keys.json); its fingerprint is printed first. The bundle's own\n"
    "keys count only when one of those keys endorsed them at a rotation.\n"
    "Prints one line per check. With --known-sth (a signed tree head envelope seen\n"
    "before) and --consistency (hex hashes, one per line, between the two sizes),\n"
    "also checks that the log is consistent with that head.\n"
    "A drand beacon's BLS signature is checked against quicknet's public key, built\n"
    "in; --drand-chain FILE (a chain info JSON, as GET /{hash}/info serves it, whose\n"
    "hash is recomputed) trusts that chain too, for test chains.\n"
    "Exit 0 when every check holds, 1 naming the first failing check, 2 on bad input\n"
    "(also when no key is trusted: the built-in set is empty and --keys is missing).\n";

// The trusted key set and how to name it to the user.
struct TrustedKeys {
  std::vector<PublishedKey> keys;
  std::string source, fingerprint;
};

Result<TrustedKeys> read_trusted_keys(const std::optional<std::string>& path) {
  std::string text;
  TrustedKeys t;
  if (path) {
    TIRAGE_TRY_ASSIGN(text, read_input(*path));
    t.source = *path;
  } else {
    text = embedded_service_keys();
    t.source = "the service's key set built into this tool (config/service-keys.json)";
  }
  const std::string where = path ? *path : "config/service-keys.json (built in)";
  auto json = parse_json(text);
  if (!json) return make_error(json.error().code, where + ": " + json.error().message);
  auto keys = keyset_from_json(*json);
  if (!keys) return make_error(keys.error().code, where + ": " + keys.error().message);
  if (keys->empty())
    return make_error("no_trusted_key",
                      path ? *path + " holds no key; pass the service's /.well-known/tirage-keys.json"
                           : "this tool was built with no service key (config/service-keys.json holds none): pass "
                             "--keys FILE, the service's /.well-known/tirage-keys.json from a source you trust");
  t.keys = std::move(*keys);
  TIRAGE_TRY_ASSIGN(t.fingerprint, keyset_fingerprint(*json));
  return t;
}

Result<KnownTreeHead> read_known(const std::string& sth_path, const std::string& proof_path) {
  auto sth_text = read_input(sth_path);
  if (!sth_text) return sth_text.error();
  auto sth = parse_json(*sth_text);
  if (!sth) return make_error(sth.error().code, sth_path + ": " + sth.error().message);
  auto proof_text = read_input(proof_path);
  if (!proof_text) return proof_text.error();
  std::vector<std::string> hex;
  for (auto line : split_lines(*proof_text))
    if (!line.empty()) hex.emplace_back(line);
  auto proof = hashes_from_hex(hex);
  if (!proof) return make_error(proof.error().code, proof_path + ": " + proof.error().message);
  return KnownTreeHead{std::move(*sth), std::move(*proof)};
}

Result<DrandChain> read_drand_chain(const std::string& path) {
  auto text = read_input(path);
  if (!text) return text.error();
  auto info = parse_json(*text);
  if (!info) return make_error(info.error().code, path + ": " + info.error().message);
  auto chain = drand_chain_from_info(*info);
  if (!chain) return make_error(chain.error().code, path + ": " + chain.error().message);
  return chain;
}
}  // namespace

int run_verify(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"keys", "known-sth", "consistency", "drand-chain"}, {});
  if (args && args->has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args) return bad_input("verify", args.error());
  if (args->positional.size() != 1) return bad_input("verify", make_error("usage", "expected exactly one BUNDLE (or -)"));
  const std::string& path = args->positional[0];
  std::optional<KnownTreeHead> known;
  if (args->get("known-sth") || args->get("consistency")) {
    if (!args->get("known-sth") || !args->get("consistency"))
      return bad_input("verify", make_error("usage", "--known-sth and --consistency go together"));
    auto k = read_known(*args->get("known-sth"), *args->get("consistency"));
    if (!k) return bad_input("verify", k.error());
    known = std::move(*k);
  }
  std::vector<DrandChain> chains;
  if (auto chain_path = args->get("drand-chain")) {
    auto chain = read_drand_chain(*chain_path);
    if (!chain) return bad_input("verify", chain.error());
    chains.push_back(std::move(*chain));
  }
  auto trusted = read_trusted_keys(args->get("keys"));
  if (!trusted) return bad_input("verify", trusted.error());
  auto text = read_input(path);
  if (!text) return bad_input("verify", text.error());
  auto bundle = parse_json(*text);
  if (!bundle) return bad_input("verify", make_error(bundle.error().code, path + ": " + bundle.error().message));

  std::cout << "Trusted keys: " << trusted->source << ", fingerprint " << trusted->fingerprint << " ("
            << trusted->keys.size() << " key(s))\n";
  const BundleReport report = verify_bundle(*bundle, trusted->keys, known, chains);
  if (report.commitment) {
    std::cout << "Draw " << report.commitment->draw_id << " \"" << report.commitment->title << "\": "
              << report.commitment->winners << " winner(s) and " << report.commitment->alternates
              << " alternate(s) among " << report.commitment->participants_count << " participants\n";
  }
  for (const auto& c : report.checks) {
    std::cout << (c.ok ? "PASS" : "FAIL") << "  [step " << c.step << "] " << c.title;
    if (!c.detail.empty()) std::cout << " (" << c.detail << ")";
    std::cout << "\n";
  }
  if (const Check* bad = report.first_failure()) {
    std::cout << "NOT VERIFIED: step " << bad->step << " failed: " << bad->title << ": " << bad->detail << "\n";
    return kExitInvalid;
  }
  if (report.result) {
    // The winners as they stand after substitutions: rank r is held by the
    // last alternate that replaced it.
    std::vector<const Pick*> holder;
    for (const auto& w : report.result->winners) holder.push_back(&w);
    for (const auto& s : report.substitutions) {
      const Pick* alternate = &report.result->alternates[s.alternate_rank - 1];
      std::cout << "substitution: winner " << s.replaced_rank << " (" << holder[s.replaced_rank - 1]->entry.name
                << ") replaced by alternate " << s.alternate_rank << " (" << alternate->entry.name << "): " << s.reason
                << "\n";
      holder[s.replaced_rank - 1] = alternate;
    }
    for (std::size_t i = 0; i < holder.size(); ++i)
      std::cout << "winner " << i + 1 << ": " << holder[i]->entry.name << " (" << holder[i]->entry.platform << ", index "
                << holder[i]->index << ")\n";
  }
  std::cout << "VERIFIED: every check holds\n";
  return kExitOk;
}

}  // namespace tirage::cli
