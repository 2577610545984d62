#include "server/certificate/certificate_view.hpp"

#include "shared/protocol/json_reader.hpp"

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

// A list of non-negative integers (JSON built in code holds them signed).
std::vector<std::uint64_t> uints(JsonItems list) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& x = list.value(i);
    if (x.is_number_unsigned() || (x.is_number_integer() && x.get<std::int64_t>() >= 0)) out.push_back(x.get<std::uint64_t>());
    else list.fail(i, "got " + describe_json(x) + ", wanted an integer, 0 or more");
  }
  return out;
}

std::vector<CertificatePick> picks(JsonItems list) {
  std::vector<CertificatePick> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonFields p = list.object(i);
    const std::uint64_t rank = p.uint("rank");
    JsonFields entry = p.object("entry");
    std::string name = entry.string("name");
    out.push_back({rank, std::move(name), entry.string("platform")});
  }
  return out;
}

// Reads the view (our own, so other members are allowed; null reads as absent):
// the first missing or mistyped field is the error, with its path.
Result<CertificateData> read(const Json& view, std::string verify_url) {
  StrictJsonReader in("certificate_data", "the draw's public view lacks a field the certificate needs: ");
  in.null_is_absent();
  JsonFields v = in.object(view, "");
  JsonFields commitment = v.object("commitment");
  JsonFields st = commitment.object("statement");
  JsonFields result = v.object("result");
  JsonFields r = result.object("statement");
  CertificateData d;
  d.title = st.string("title");
  d.organizer = st.string("organizer");
  d.giveaway_id = st.string("giveaway_id");
  d.draw_id = st.string("draw_id");
  d.committed_at = st.string("committed_at");
  d.drawn_at = r.string("drawn_at");
  d.rules = rule_lines(st.value("rules"));
  d.participants_count = st.uint("participants_count");
  d.participants_root = st.string("participants_root");
  JsonFields b = st.object("beacon");
  d.beacon.source = b.string("source");
  if (auto round = b.optional_uint("round")) d.beacon.round = *round;
  if (auto chain = b.optional_string("chain_hash")) d.beacon.chain_hash = *chain;
  if (auto commit = b.optional_string("commit")) d.beacon.commit = *commit;
  d.beacon.value = v.optional_string("beacon_value").value_or("");
  d.winners = picks(r.array("winners"));
  if (auto alternates = r.optional_array("alternates")) d.alternates = picks(*alternates);
  if (auto subs = v.optional_array("substitutions"))
    for (std::size_t i = 0; i < subs->size(); ++i) {
      JsonFields s = subs->object(i).object("statement");
      CertificateSubstitution sub;
      sub.replaced_rank = s.uint("replaced_rank");
      sub.alternate_rank = s.uint("alternate_rank");
      sub.reason = s.string("reason");
      sub.substituted_at = s.optional_string("substituted_at").value_or("");
      d.substitutions.push_back(std::move(sub));
    }
  if (auto related = v.optional_array("related"))
    for (std::size_t i = 0; i < related->size(); ++i) {
      JsonFields o = related->object(i);
      CertificateRelated rel;
      rel.draw_id = o.string("draw_id");
      rel.title = o.string("title");
      rel.committed_at = o.string("committed_at");
      rel.publish_by = o.optional_string("publish_by").value_or("");
      rel.status = o.string("status");
      JsonItems reasons = o.array("reasons");
      for (std::size_t k = 0; k < reasons.size(); ++k) rel.reasons.push_back(reasons.string(k));
      if (auto selected = o.optional_object("selected")) {
        rel.winners = uints(selected->array("winners"));
        rel.alternates = uints(selected->array("alternates"));
      }
      d.related.push_back(std::move(rel));
    }
  d.related_truncated = v.optional_boolean("related_truncated").value_or(false);
  d.commitment_signature = {commitment.string("key_id"), commitment.string("signature")};
  d.result_signature = {result.string("key_id"), result.string("signature")};
  d.verify_url = std::move(verify_url);
  return in.finish(std::move(d));
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
  return read(view, std::move(verify_url));
}

}  // namespace tirage::server
