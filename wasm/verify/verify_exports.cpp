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

namespace {

using tirage::Json;

char* give(const Json& j) {
  const std::string s = j.dump();
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

tirage::Result<std::vector<tirage::Hash>> proof_from(const Json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_array())
    return tirage::make_error("bad_input", std::string("\"") + field + "\" must be an array of hex hashes");
  std::vector<std::string> hex;
  for (const auto& h : j[field]) {
    if (!h.is_string()) return tirage::make_error("bad_input", std::string("\"") + field + "\" must hold hex strings");
    hex.push_back(h.get<std::string>());
  }
  return tirage::hashes_from_hex(hex);
}

tirage::Result<std::uint64_t> uint_from(const Json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_number_unsigned())
    return tirage::make_error("bad_input", std::string("\"") + field + "\" must be a non-negative integer");
  return j[field].get<std::uint64_t>();
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

tirage::Result<tirage::Hash> hash_from(const Json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_string())
    return tirage::make_error("bad_input", std::string("\"") + field + "\" must be a hex hash");
  return tirage::hash_from_hex(j[field].get<std::string>());
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
    if (!k->is_object()) return give_error(tirage::make_error("bad_input", "the known tree head must be an object"));
    auto proof = proof_from(*k, "consistency");
    if (!proof) return give_error(proof.error());
    known = tirage::KnownTreeHead{k->value("sth", Json::object()), std::move(*proof)};
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
  if (!j->is_object() || !(*j)["platform"].is_string() || !(*j)["handle"].is_string())
    return give_error(tirage::make_error("bad_input", "expected {\"platform\", \"handle\"} strings"));
  const auto platform = (*j)["platform"].get<std::string>(), handle = (*j)["handle"].get<std::string>();
  auto key = tirage::handle_key(platform, handle);
  if (!key) return give_error(key.error());
  return give(Json{{"handle", *tirage::normalize_handle(handle)}, {"key", tirage::to_hex(*key)}});
}

// Checks {"leaf_hash","index","tree_size","proof","root"}; returns {"ok"}.
EMSCRIPTEN_KEEPALIVE char* tirage_check_inclusion(const char* json) {
  auto j = tirage::parse_json(json ? json : "");
  if (!j) return give_error(j.error());
  if (!j->is_object()) return give_error(tirage::make_error("bad_input", "expected a JSON object"));
  auto leaf = hash_from(*j, "leaf_hash");
  auto root = hash_from(*j, "root");
  auto index = uint_from(*j, "index");
  auto size = uint_from(*j, "tree_size");
  auto proof = proof_from(*j, "proof");
  for (const tirage::Error* e : {leaf ? nullptr : &leaf.error(), root ? nullptr : &root.error(),
                                 index ? nullptr : &index.error(), size ? nullptr : &size.error(),
                                 proof ? nullptr : &proof.error()})
    if (e) return give_error(*e);
  return give(Json{{"ok", tirage::verify_inclusion(*leaf, *index, *size, *proof, *root)}});
}

// Checks {"old_size","new_size","old_root","new_root","proof"}; returns {"ok"}.
EMSCRIPTEN_KEEPALIVE char* tirage_check_consistency(const char* json) {
  auto j = tirage::parse_json(json ? json : "");
  if (!j) return give_error(j.error());
  if (!j->is_object()) return give_error(tirage::make_error("bad_input", "expected a JSON object"));
  auto old_size = uint_from(*j, "old_size");
  auto new_size = uint_from(*j, "new_size");
  auto old_root = hash_from(*j, "old_root");
  auto new_root = hash_from(*j, "new_root");
  auto proof = proof_from(*j, "proof");
  for (const tirage::Error* e : {old_size ? nullptr : &old_size.error(), new_size ? nullptr : &new_size.error(),
                                 old_root ? nullptr : &old_root.error(), new_root ? nullptr : &new_root.error(),
                                 proof ? nullptr : &proof.error()})
    if (e) return give_error(*e);
  return give(Json{{"ok", tirage::verify_consistency(*old_size, *new_size, *old_root, *new_root, *proof)}});
}

// Checks a drand round's BLS signature: {"chain": <chain info>, "round", "signature"}
// (the chain's hash is recomputed from its info); returns {"ok"} or {"ok": false, "reason"}.
EMSCRIPTEN_KEEPALIVE char* tirage_check_drand_round(const char* json) {
  auto j = tirage::parse_json(json ? json : "");
  if (!j) return give_error(j.error());
  if (!j->is_object() || !j->contains("chain")) return give_error(tirage::make_error("bad_input", "expected {\"chain\", \"round\", \"signature\"}"));
  auto chain = tirage::drand_chain_from_info((*j)["chain"]);
  if (!chain) return give_error(chain.error());
  auto round = uint_from(*j, "round");
  if (!round) return give_error(round.error());
  if (!j->contains("signature") || !(*j)["signature"].is_string())
    return give_error(tirage::make_error("bad_input", "\"signature\" must be hex"));
  auto sig = tirage::from_hex((*j)["signature"].get<std::string>());
  if (!sig) return give(Json{{"ok", false}, {"reason", "the signature is not hex"}});
  auto ok = tirage::verify_drand_signature(*chain, *round, *sig);
  return give(ok ? Json{{"ok", true}} : Json{{"ok", false}, {"reason", ok.error().message}});
}

// Releases a string returned by any export.
EMSCRIPTEN_KEEPALIVE void tirage_free(char* p) { std::free(p); }

}  // extern "C"
