#include "server/certificate/certificate_view.hpp"

namespace tirage::server {

namespace {

std::string scalar_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : ", ") + scalar_text(item);
    return out;
  }
  return v.dump();
}

void flatten(const Json& value, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [k, v] : value.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
    return;
  }
  out.emplace_back(prefix, scalar_text(value));
}

// Reads the view with nlohmann's checked accessors; a missing or mistyped field throws, caught below.
CertificateData read(const Json& view, std::string verify_url) {
  const Json& st = view.at("commitment").at("statement");
  const Json& result = view.at("result");
  const Json& r = result.at("statement");
  CertificateData d;
  d.title = st.at("title").get<std::string>();
  d.organizer = st.at("organizer").get<std::string>();
  d.giveaway_id = st.at("giveaway_id").get<std::string>();
  d.draw_id = st.at("draw_id").get<std::string>();
  d.committed_at = st.at("committed_at").get<std::string>();
  d.drawn_at = r.at("drawn_at").get<std::string>();
  d.rules = rule_lines(st.at("rules"));
  d.participants_count = st.at("participants_count").get<std::uint64_t>();
  d.participants_root = st.at("participants_root").get<std::string>();
  const Json& b = st.at("beacon");
  d.beacon.source = b.at("source").get<std::string>();
  if (b.contains("round")) d.beacon.round = b["round"].get<std::uint64_t>();
  if (b.contains("chain_hash")) d.beacon.chain_hash = b["chain_hash"].get<std::string>();
  if (b.contains("commit")) d.beacon.commit = b["commit"].get<std::string>();
  d.beacon.value = view.value("beacon_value", std::string());
  const auto picks = [](const Json& list) {
    std::vector<CertificatePick> out;
    for (const auto& p : list)
      out.push_back({p.at("rank").get<std::uint64_t>(), p.at("entry").at("name").get<std::string>(),
                     p.at("entry").at("platform").get<std::string>()});
    return out;
  };
  d.winners = picks(r.at("winners"));
  d.alternates = picks(r.value("alternates", Json::array()));
  for (const auto& envelope : view.value("substitutions", Json::array())) {
    const Json& s = envelope.at("statement");
    d.substitutions.push_back({s.at("replaced_rank").get<std::uint64_t>(), s.at("alternate_rank").get<std::uint64_t>(),
                               s.at("reason").get<std::string>(), s.value("substituted_at", std::string())});
  }
  for (const auto& r : view.value("related", Json::array())) {
    CertificateRelated rel{r.at("draw_id").get<std::string>(), r.at("title").get<std::string>(),
                           r.at("committed_at").get<std::string>(),
                           r.at("publish_by").is_string() ? r["publish_by"].get<std::string>() : std::string(),
                           r.at("status").get<std::string>(), r.at("reasons").get<std::vector<std::string>>(), {}, {}};
    if (r.contains("selected")) {
      rel.winners = r["selected"].at("winners").get<std::vector<std::uint64_t>>();
      rel.alternates = r["selected"].at("alternates").get<std::vector<std::uint64_t>>();
    }
    d.related.push_back(std::move(rel));
  }
  d.related_truncated = view.value("related_truncated", false);
  d.commitment_signature = {view["commitment"].at("key_id").get<std::string>(), view["commitment"].at("signature").get<std::string>()};
  d.result_signature = {result.at("key_id").get<std::string>(), result.at("signature").get<std::string>()};
  d.verify_url = std::move(verify_url);
  return d;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> rule_lines(const Json& rules) {
  std::vector<std::pair<std::string, std::string>> out;
  if (rules.is_object())
    for (const auto& [k, v] : rules.items()) flatten(v, k, out);
  return out;
}

Result<CertificateData> certificate_data_from_view(const Json& view, std::string verify_url) {
  if (!view.is_object() || !view.contains("result") || view["result"].is_null())
    return make_error("not_yet", "the draw has no result yet, so there is no certificate");
  try {
    return read(view, std::move(verify_url));
  } catch (const Json::exception& e) {
    return make_error("certificate_data", std::string("the draw's public view lacks a field the certificate needs: ") + e.what());
  }
}

}  // namespace tirage::server
