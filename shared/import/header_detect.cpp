#include "shared/import/header_detect.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace tirage {

namespace {
struct Synonym {
  std::string_view key;  // normalized: lowercase, no spaces or ASCII punctuation
  ColumnRole role;
};

// Longest lists first would not matter: keys are compared whole.
constexpr std::array kSynonyms = {
    // The participant's visible name or handle.
    Synonym{"username", ColumnRole::handle}, Synonym{"user", ColumnRole::handle},
    Synonym{"usernames", ColumnRole::handle}, Synonym{"handle", ColumnRole::handle},
    Synonym{"pseudo", ColumnRole::handle}, Synonym{"pseudonyme", ColumnRole::handle},
    Synonym{"nom", ColumnRole::handle}, Synonym{"name", ColumnRole::handle},
    Synonym{"author", ColumnRole::handle}, Synonym{"authorhandle", ColumnRole::handle},
    Synonym{"authorname", ColumnRole::handle}, Synonym{"authordisplayname", ColumnRole::handle},
    Synonym{"authorusername", ColumnRole::handle}, Synonym{"ownerusername", ColumnRole::handle},
    Synonym{"screenname", ColumnRole::handle}, Synonym{"displayname", ColumnRole::handle},
    Synonym{"profilename", ColumnRole::handle}, Synonym{"account", ColumnRole::handle},
    Synonym{"compte", ColumnRole::handle}, Synonym{"login", ColumnRole::handle},
    Synonym{"utilisateur", ColumnRole::handle}, Synonym{"nomdutilisateur", ColumnRole::handle},
    Synonym{"participant", ColumnRole::handle}, Synonym{"participants", ColumnRole::handle},
    Synonym{"participante", ColumnRole::handle}, Synonym{"usuario", ColumnRole::handle},
    Synonym{"nombredeusuario", ColumnRole::handle}, Synonym{"nombre", ColumnRole::handle},
    Synonym{"cuenta", ColumnRole::handle}, Synonym{"benutzer", ColumnRole::handle},
    Synonym{"benutzername", ColumnRole::handle}, Synonym{"nutzer", ColumnRole::handle},
    Synonym{"nutzername", ColumnRole::handle}, Synonym{"teilnehmer", ColumnRole::handle},
    Synonym{"konto", ColumnRole::handle},
    // The platform's stable user id.
    Synonym{"userid", ColumnRole::user_id}, Synonym{"profileid", ColumnRole::user_id},
    Synonym{"ownerid", ColumnRole::user_id}, Synonym{"authorid", ColumnRole::user_id},
    Synonym{"authorchannelid", ColumnRole::user_id}, Synonym{"accountid", ColumnRole::user_id},
    Synonym{"fromid", ColumnRole::user_id}, Synonym{"profileurl", ColumnRole::user_id},
    Synonym{"idutilisateur", ColumnRole::user_id}, Synonym{"iddutilisateur", ColumnRole::user_id},
    Synonym{"idusuario", ColumnRole::user_id}, Synonym{"benutzerid", ColumnRole::user_id},
    Synonym{"nutzerid", ColumnRole::user_id},
    // The comment's text.
    Synonym{"comment", ColumnRole::text}, Synonym{"comments", ColumnRole::text},
    Synonym{"commenttext", ColumnRole::text}, Synonym{"text", ColumnRole::text},
    Synonym{"textdisplay", ColumnRole::text}, Synonym{"textoriginal", ColumnRole::text},
    Synonym{"message", ColumnRole::text}, Synonym{"content", ColumnRole::text},
    Synonym{"body", ColumnRole::text}, Synonym{"commentaire", ColumnRole::text},
    Synonym{"commentaires", ColumnRole::text}, Synonym{"texte", ColumnRole::text},
    Synonym{"contenu", ColumnRole::text}, Synonym{"comentario", ColumnRole::text},
    Synonym{"comentarios", ColumnRole::text}, Synonym{"texto", ColumnRole::text},
    Synonym{"mensaje", ColumnRole::text}, Synonym{"kommentar", ColumnRole::text},
    Synonym{"kommentare", ColumnRole::text}, Synonym{"nachricht", ColumnRole::text},
    Synonym{"inhalt", ColumnRole::text},
    // When the comment was written.
    Synonym{"date", ColumnRole::time}, Synonym{"time", ColumnRole::time},
    Synonym{"datetime", ColumnRole::time}, Synonym{"timestamp", ColumnRole::time},
    Synonym{"createdat", ColumnRole::time}, Synonym{"createtime", ColumnRole::time},
    Synonym{"createdtime", ColumnRole::time}, Synonym{"publishedat", ColumnRole::time},
    Synonym{"postedat", ColumnRole::time}, Synonym{"commentdate", ColumnRole::time},
    Synonym{"heure", ColumnRole::time}, Synonym{"datedepublication", ColumnRole::time},
    Synonym{"dateducommentaire", ColumnRole::time}, Synonym{"fecha", ColumnRole::time},
    Synonym{"hora", ColumnRole::time}, Synonym{"fechayhora", ColumnRole::time},
    Synonym{"datum", ColumnRole::time}, Synonym{"zeit", ColumnRole::time},
    Synonym{"zeitstempel", ColumnRole::time}, Synonym{"erstelltam", ColumnRole::time},
    // The comment's own id.
    Synonym{"id", ColumnRole::comment_id}, Synonym{"commentid", ColumnRole::comment_id},
    Synonym{"cid", ColumnRole::comment_id}, Synonym{"idcommentaire", ColumnRole::comment_id},
    Synonym{"iddecommentaire", ColumnRole::comment_id}, Synonym{"idcomentario", ColumnRole::comment_id},
    Synonym{"kommentarid", ColumnRole::comment_id},
    // The commenter's account.
    Synonym{"accountcreated", ColumnRole::account_created}, Synonym{"accountcreatedat", ColumnRole::account_created},
    Synonym{"usercreatedat", ColumnRole::account_created}, Synonym{"joined", ColumnRole::account_created},
    Synonym{"joindate", ColumnRole::account_created}, Synonym{"datedinscription", ColumnRole::account_created},
    Synonym{"datedecreation", ColumnRole::account_created}, Synonym{"fechaderegistro", ColumnRole::account_created},
    Synonym{"registriertseit", ColumnRole::account_created}, Synonym{"mitgliedseit", ColumnRole::account_created},
    Synonym{"followers", ColumnRole::followers}, Synonym{"followerscount", ColumnRole::followers},
    Synonym{"followercount", ColumnRole::followers}, Synonym{"abonnes", ColumnRole::followers},
    Synonym{"abonn\xc3\xa9s", ColumnRole::followers}, Synonym{"seguidores", ColumnRole::followers},
    Synonym{"follower", ColumnRole::followers}, Synonym{"abonnenten", ColumnRole::followers},
};

std::string normalize_header(std::string_view h) {
  // A trailing note in parentheses says how to use the column, not what it is.
  if (auto open = h.find('('); open != std::string_view::npos && open > 0) h = h.substr(0, open);
  std::string out;
  for (char ch : h) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out.push_back(ch);
    // ASCII spaces and punctuation are dropped: "Created at", "created_at", "created-at".
  }
  // "É" (C3 89) lowercases to "é" (C3 A9) here, enough for the header words above.
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (static_cast<unsigned char>(out[i]) == 0xC3 && static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(out[i + 1]) <= 0x9E && static_cast<unsigned char>(out[i + 1]) != 0x97)
      out[i + 1] = static_cast<char>(out[i + 1] + 0x20);
  return out;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Numbers and dates: digits with separators only ("12", "-3.5", "24/12/2026 18:00", "2026-12-24T18:00:00Z").
bool looks_numeric(std::string_view s) {
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (!(c == '.' || c == ',' || c == '-' || c == '+' || c == '/' || c == ':' || c == ' ' || c == 'T' ||
               c == 'Z' || c == 'E' || c == 'e'))
      return false;
  }
  return digit;
}
}  // namespace

ColumnRole role_of_header(std::string_view header) {
  if (header.size() > 80) return ColumnRole::none;
  const std::string key = normalize_header(header);
  for (const auto& s : kSynonyms)
    if (s.key == key) return s.role;
  return ColumnRole::none;
}

std::optional<std::size_t> detect_header_row(const std::vector<std::vector<std::string>>& rows) {
  const std::size_t scan = std::min<std::size_t>(rows.size(), 10);
  for (std::size_t r = 0; r < scan; ++r) {
    std::set<ColumnRole> roles;
    for (const auto& cell : rows[r])
      if (auto role = role_of_header(cell); role != ColumnRole::none) roles.insert(role);
    const bool names_user = roles.count(ColumnRole::handle) || roles.count(ColumnRole::user_id);
    if (r == 0 && !roles.empty()) return 0;
    if (names_user && roles.size() >= 2) return r;
  }
  // No known names: row 0 is still a header when it is distinct text sitting
  // above a column that is otherwise all numbers or dates.
  if (rows.size() < 2 || rows[0].size() < 2) return std::nullopt;
  std::set<std::string> seen;
  for (const auto& cell : rows[0]) {
    if (is_blank(cell) || looks_numeric(cell) || cell[0] == '@' || !seen.insert(cell).second) return std::nullopt;
  }
  for (std::size_t c = 0; c < rows[0].size(); ++c) {
    std::size_t numeric = 0, filled = 0;
    for (std::size_t r = 1; r < std::min<std::size_t>(rows.size(), 50); ++r) {
      if (c >= rows[r].size() || is_blank(rows[r][c])) continue;
      ++filled;
      numeric += looks_numeric(rows[r][c]);
    }
    if (filled > 0 && numeric == filled) return 0;
  }
  return std::nullopt;
}

std::string column_letters(std::size_t c) {
  std::string s;
  ++c;
  while (c > 0) {
    s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    c = (c - 1) / 26;
  }
  return s;
}

}  // namespace tirage
