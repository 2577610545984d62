// The verifier's C exports for JavaScript: JSON text in, JSON text out.
// Every answer is either the requested object or {"error":{"code","message"}};
// nothing throws across the boundary. Free every returned string with
// tirage_free().
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "shared/protocol/beacon.hpp"
#include "shared/protocol/bundle.hpp"
#include "shared/protocol/entry.hpp"
#include "shared/protocol/envelope.hpp"
#include "shared/protocol/handle_key.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/protocol_fields.hpp"

namespace {

using tirage::Json;

char* give(const Json& j) {
  // Messages quote untrusted input: bytes that are not UTF-8 become U+FFFD rather than an error.
  const std::string s = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

char* give_error(const tirage::Error& e) { return give(Json{{"error", {{"code", e.code}, {"message", e.message}}}}); }

Json checks_json(const tirage::BundleReport& r) {
  Json arr = Json::array();
  for (const auto& c : r.checks)
    arr.push_back(Json{{"step", c.step}, {"id", c.id}, {"n", c.n}, {"title", c.title}, {"ok", c.ok}, {"detail", c.detail}});
  return arr;
}

// Chains the caller pins besides quicknet: "" or a drand chain info object, or an array of them.
tirage::Result<std::vector<tirage::DrandChain>> chains_from(const char* text) {
  std::vector<tirage::DrandChain> out;
  if (!text || !*text) return out;
  auto j = tirage::parse_json(text);
  if (!j) return j.error();
  const Json list = j->is_array() ? *j : Json::array({*j});
  for (const auto& info : list) {
    auto chain = tirage::drand_chain_from_info(info);
    if (!chain) return chain.error();
    out.push_back(std::move(*chain));
  }
  return out;
}

}  // namespace

extern "C" {

// Verifies a result bundle (docs/protocol.md section 8) with the trusted key set
// keys_json (the page's own origin's /.well-known/tirage-keys.json, never the
// bundle's); known_sth_json may be empty or {"sth": <envelope>, "consistency":
// [hex...]}; drand_json may be empty or the chain info (or an array of them) of
// drand chains the caller pins besides quicknet, whose hashes are recomputed.
// Returns {"ok","checks",...}.
EMSCRIPTEN_KEEPALIVE char* tirage_verify_bundle(const char* bundle_json, const char* keys_json, const char* known_json,
                                                const char* drand_json) {
  auto bundle = tirage::parse_json(bundle_json ? bundle_json : "");
  if (!bundle) return give_error(bundle.error());
  auto keys_doc = tirage::parse_json(keys_json ? keys_json : "");
  if (!keys_doc) return give_error(tirage::make_error(keys_doc.error().code, "the trusted key set: " + keys_doc.error().message));
  auto keys = tirage::keyset_from_json(*keys_doc);
  if (!keys) return give_error(tirage::make_error(keys.error().code, "the trusted key set: " + keys.error().message));
  std::optional<tirage::KnownTreeHead> known;
  if (known_json && *known_json) {
    auto k = tirage::parse_json(known_json);
    if (!k) return give_error(k.error());
    tirage::StrictJsonReader in("bad_input");
    tirage::JsonFields o = in.object(*k, "known tree head");
    const Json* sth = o.optional_value("sth");
    std::vector<tirage::Hash> proof = tirage::read_hashes(o, "consistency");
    if (in.failed()) return give_error(in.error());
    known = tirage::KnownTreeHead{sth ? *sth : Json::object(), std::move(proof)};
  }
  auto chains = chains_from(drand_json);
  if (!chains) return give_error(chains.error());
  const tirage::BundleReport report = tirage::verify_bundle(*bundle, *keys, known, *chains);
  Json out{{"ok", report.ok()}, {"checks", checks_json(report)}};
  if (report.commitment) out["draw_id"] = report.commitment->draw_id;
  return give(out);
}

// Normalizes an entry {"platform","id","name"} and returns {"entry","leaf_hash"}.
EMSCRIPTEN_KEEPALIVE char* tirage_entry_leaf_hash(const char* entry_json) {
  auto j = tirage::parse_json(entry_json ? entry_json : "");
  if (!j) return give_error(j.error());
  auto raw = tirage::entry_from_json(*j);
  if (!raw) return give_error(raw.error());
  auto e = tirage::normalize_entry(std::move(*raw));
  if (!e) return give_error(e.error());
  return give(Json{{"entry", tirage::entry_to_json(*e)},
                   {"leaf_hash", tirage::to_hex(tirage::leaf_hash(tirage::leaf(*e)))}});
}

// The check by handle's key of {"platform","handle"}: returns {"handle","key"}
// (the handle normalized, and its key), so the page can tell that an entry
// the server answers is the handle that was asked about.
EMSCRIPTEN_KEEPALIVE char* tirage_handle_key(const char* json) {
  auto j = tirage::parse_json(json ? json : "");
  if (!j) return give_error(j.error());
  tirage::StrictJsonReader in("bad_input");
  tirage::JsonFields o = in.object(*j, "");
  const std::string platform = o.string("platform"), handle = o.string("handle");
  if (in.failed()) return give_error(in.error());
  auto key = tirage::handle_key(platform, handle);
  if (!key) return give_error(key.error());
  return give(Json{{"handle", *tirage::normalize_handle(handle)}, {"key", tirage::to_hex(*key)}});
}

// Checks {"leaf_hash","index","tree_size","proof","root"}; returns {"ok"}.
EMSCRIPTEN_KEEPALIVE char* tirage_check_inclusion(const char* json) {
  auto j = tirage::parse_json(json ? json : "");
  if (!j) return give_error(j.error());
  tirage::StrictJsonReader in("bad_input");
  tirage::JsonFields o = in.object(*j, "");
  const auto leaf = tirage::read_hash(o, "leaf_hash");
  const auto root = tirage::read_hash(o, "root");
  const auto index = o.uint("index");
  const auto size = o.uint("tree_size");
  const auto proof = tirage::read_hashes(o, "proof");
  if (in.failed()) return give_error(in.error());
  return give(Json{{"ok", tirage::verify_inclusion(leaf, index, size, proof, root)}});
}

// Checks {"old_size","new_size","old_root","new_root","proof"}; returns {"ok"}.
EMSCRIPTEN_KEEPALIVE char* tirage_check_consistency(const char* json) {
  auto j = tirage::parse_json(json ? json : "");
  if (!j) return give_error(j.error());
  tirage::StrictJsonReader in("bad_input");
  tirage::JsonFields o = in.object(*j, "");
  const auto old_size = o.uint("old_size");
  const auto new_size = o.uint("new_size");
  const auto old_root = tirage::read_hash(o, "old_root");
  const auto new_root = tirage::read_hash(o, "new_root");
  const auto proof = tirage::read_hashes(o, "proof");
  if (in.failed()) return give_error(in.error());
  return give(Json{{"ok", tirage::verify_consistency(old_size, new_size, old_root, new_root, proof)}});
}

// Checks a drand round's BLS signature: {"chain": <chain info>, "round", "signature"}
// (the chain's hash is recomputed from its info); returns {"ok"} or {"ok": false, "reason"}.
EMSCRIPTEN_KEEPALIVE char* tirage_check_drand_round(const char* json) {
  auto j = tirage::parse_json(json ? json : "");
  if (!j) return give_error(j.error());
  tirage::StrictJsonReader in("bad_input");
  tirage::JsonFields o = in.object(*j, "");
  const Json& info = o.value("chain");
  const auto round = o.uint("round");
  const std::string sig_hex = o.string("signature");
  if (in.failed()) return give_error(in.error());
  auto chain = tirage::drand_chain_from_info(info);
  if (!chain) return give_error(chain.error());
  auto sig = tirage::from_hex(sig_hex);
  if (!sig) return give(Json{{"ok", false}, {"reason", "the signature is not hex"}});
  auto ok = tirage::verify_drand_signature(*chain, round, *sig);
  return give(ok ? Json{{"ok", true}} : Json{{"ok", false}, {"reason", ok.error().message}});
}

// Releases a string returned by any export.
EMSCRIPTEN_KEEPALIVE void tirage_free(char* p) { std::free(p); }

}  // extern "C"
