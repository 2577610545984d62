#include "server/oauth/meta_callbacks.hpp"

#include "server/oauth/oauth_states.hpp"
#include "shared/oauth/signed_request.hpp"

namespace tirage::server {

Result<Json> MetaCallbacks::once(const std::string& signed_request, const std::string& provider, const std::string& kind,
                                 UnixSeconds now, const std::function<Result<Json>()>& run) {
  const std::string hash = token_hash(signed_request);
  std::lock_guard lock(db_.mutex());
  auto seen = db_.prepare("SELECT answer FROM meta_callbacks WHERE request_hash = ?");
  seen.bind(1, hash);
  if (seen.step()) {
    if (auto answer = parse_json(seen.text(0))) return *answer;
  }
  auto answer = run();
  if (!answer) return answer;
  auto forget = db_.prepare("DELETE FROM meta_callbacks WHERE received_at < ?");
  forget.bind(1, now - kSignedRequestMaxAge - kSignedRequestMaxSkew);
  if (auto ok = forget.run(); !ok) return ok.error();
  auto keep = db_.prepare("INSERT INTO meta_callbacks (request_hash, provider, kind, answer, received_at) VALUES (?, ?, ?, ?, ?)");
  keep.bind(1, hash).bind(2, provider).bind(3, kind).bind(4, answer->dump()).bind(5, now);
  if (auto ok = keep.run(); !ok) return ok.error();
  return answer;
}

}  // namespace tirage::server
