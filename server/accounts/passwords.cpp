#include "server/accounts/passwords.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

#include "server/random.hpp"

namespace tirage::server {

namespace {

// N = 2^15, r = 8, p = 1: about 32 MiB and a few tens of ms per check.
constexpr std::uint64_t kN = 1 << 15, kR = 8, kP = 1;
constexpr std::size_t kHashLen = 32;

Result<Bytes> scrypt(std::string_view password, const Bytes& salt, std::uint64_t n, std::uint64_t r, std::uint64_t p) {
  Bytes out(kHashLen);
  if (EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, r, p, 64 * 1024 * 1024, out.data(),
                     out.size()) != 1)
    return make_error("internal", "scrypt failed");
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Passwords seen most often in public breach corpora; a full breach list
// (haveibeenpwned's) cannot be reached from here, so this catches the worst.
constexpr std::array<std::string_view, 40> kCommon = {
    "1234567890", "12345678910", "123456789a", "1234567890a", "0123456789", "9876543210", "1111111111", "0000000000",
    "password123", "password12", "password1!", "passw0rd123", "qwertyuiop", "qwerty1234", "qwerty12345", "azertyuiop",
    "azerty1234", "iloveyou12", "iloveyou123", "motdepasse", "motdepasse1", "motdepasse123", "contrasena", "contrasena1",
    "passwort123", "passwort12", "hallo12345", "sommer2024", "soleil1234", "football12", "baseball12", "superman12",
    "princess12", "dragon1234", "monkey1234", "letmein123", "welcome123", "admin12345", "abc1234567", "trustno1234"};

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  const Bytes salt = random_bytes(16);
  auto h = scrypt(password, salt, kN, kR, kP);
  if (!h) return h.error();
  std::ostringstream out;
  out << "scrypt$" << kN << "$" << kR << "$" << kP << "$" << to_hex(salt) << "$" << to_hex(*h);
  return out.str();
}

bool check_password(std::string_view password, std::string_view stored) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : stored) {
    if (c == '$') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  parts.push_back(cur);
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  const std::uint64_t n = std::stoull(parts[1]), r = std::stoull(parts[2]), p = std::stoull(parts[3]);
  auto salt = from_hex(parts[4]);
  auto want = from_hex(parts[5]);
  if (!salt || !want || want->size() != kHashLen || n > (1u << 20)) return false;
  auto got = scrypt(password, *salt, n, r, p);
  return got && CRYPTO_memcmp(got->data(), want->data(), kHashLen) == 0;
}

Status password_acceptable(std::string_view password, std::string_view email) {
  if (password.size() < 10) return make_error("weak_password", "the password must have at least 10 characters");
  if (password.size() > 200) return make_error("weak_password", "the password must have at most 200 characters");
  const std::string p = lower(password);
  for (auto common : kCommon)
    if (p == common) return make_error("weak_password", "this password is among the most common ones; choose another");
  if (std::all_of(p.begin(), p.end(), [&](char c) { return c == p[0]; }))
    return make_error("weak_password", "the password must not repeat a single character");
  const std::string local = lower(email.substr(0, email.find('@')));
  if (!local.empty() && p.find(local) != std::string::npos && p.size() < local.size() + 4)
    return make_error("weak_password", "the password must not be your email address");
  return {};
}

}  // namespace tirage::server
