#include "server/accounts/api_key_scopes.hpp"

#include <algorithm>
#include <iterator>
#include <sstream>

namespace tirage::server {

namespace {
bool holds(const std::string& scopes, const std::string& wanted) {
  std::istringstream in(scopes);
  for (std::string s; in >> s;)
    if (s == wanted) return true;
  return false;
}

}  // namespace

Result<std::string> api_key_scopes(const Json& scopes) {
  static const char* kAll[] = {"read", "draw", "import"};
  if (scopes.is_null()) return std::string("read draw import");
  if (!scopes.is_array() || scopes.empty() || scopes.size() > 3)
    return make_error("bad_request", "\"scopes\" must be a non-empty array of \"read\", \"draw\" and \"import\"");
  bool wanted[3] = {false, false, false};
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    const Json& s = scopes[i];
    const auto at = s.is_string() ? std::find(std::begin(kAll), std::end(kAll), s.get_ref<const std::string&>()) : std::end(kAll);
    if (at == std::end(kAll))
      return make_error("bad_request", "scopes[" + std::to_string(i) + "]: must be \"read\", \"draw\" or \"import\", got " + s.dump().substr(0, 60));
    if (wanted[at - std::begin(kAll)]) return make_error("bad_request", "scopes[" + std::to_string(i) + "]: " + s.dump() + " is listed twice");
    wanted[at - std::begin(kAll)] = true;
  }
  std::string out;
  for (int i = 0; i < 3; ++i)
    if (wanted[i]) out += (out.empty() ? "" : " ") + std::string(kAll[i]);
  return out;
}

Json scopes_json(const std::string& stored) {
  Json out = Json::array();
  std::istringstream words(stored);
  for (std::string w; words >> w;) out.push_back(w);
  return out;
}

bool has_scope(const std::string& stored, const std::string& wanted) {
  if (wanted == "all") return holds(stored, "read") && holds(stored, "draw") && holds(stored, "import");
  return holds(stored, wanted);
}

}  // namespace tirage::server
